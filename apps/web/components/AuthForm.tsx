'use client'
import Link from 'next/link'
import { useRouter, useSearchParams } from 'next/navigation'
import { type FormEvent, useState } from 'react'
import { authClient } from '@/client/authClient'

type Mode = 'sign-in' | 'sign-up'

const copy: Record<
  Mode,
  { title: string; submit: string; switchText: string; switchHref: string; switchLink: string }
> = {
  'sign-in': {
    title: 'Sign in',
    submit: 'Sign in',
    switchText: 'No account yet?',
    switchHref: '/sign-up',
    switchLink: 'Sign up',
  },
  'sign-up': {
    title: 'Create your account',
    submit: 'Sign up',
    switchText: 'Already have an account?',
    switchHref: '/sign-in',
    switchLink: 'Sign in',
  },
}

// Only same-site paths: `next` comes from the URL and must not become an open redirect.
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/dashboard'
}

/** Email and password form for both sign-in and sign-up; returns to `?next=` afterwards. */
export function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter()
  const next = safeNext(useSearchParams().get('next'))
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const text = copy[mode]

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const email = String(form.get('email') ?? '')
    const password = String(form.get('password') ?? '')
    setPending(true)
    setError(null)
    try {
      const result =
        mode === 'sign-up'
          ? await authClient.signUp.email({ email, password, name: String(form.get('name') ?? '') })
          : await authClient.signIn.email({ email, password })
      if (result.error) {
        setError(result.error.message ?? 'Could not sign you in.')
        return
      }
    } catch {
      setError('Could not reach the server. Try again.')
      return
    } finally {
      setPending(false)
    }
    router.push(next)
    router.refresh()
  }

  return (
    <section className="card narrow">
      <h1>{text.title}</h1>
      <form onSubmit={onSubmit} className="stack">
        {mode === 'sign-up' && (
          <label>
            Name
            <input name="name" autoComplete="name" required />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            minLength={8}
            autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
            required
          />
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={pending}>
          {pending ? 'Please wait…' : text.submit}
        </button>
      </form>
      <p className="muted">
        {text.switchText}{' '}
        <Link href={`${text.switchHref}?next=${encodeURIComponent(next)}`}>{text.switchLink}</Link>
      </p>
    </section>
  )
}
