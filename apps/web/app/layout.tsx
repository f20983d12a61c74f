import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { Providers } from '@/client/Providers'
import { SignOutButton } from '@/components/SignOutButton'
import { getRequestSession } from '@/server/rsc'
import { configProblem } from '@/server/startupCheck'
import './globals.css'

export const metadata: Metadata = {
  title: 'flowglad-trpc example',
  description: 'Flowglad billing through tRPC: pricing, checkout, feature gates and usage.',
}

/** App shell: navigation reflects the session read on the server. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const problem = configProblem()
  if (problem) return <ConfigProblem message={problem} />
  const session = await getRequestSession()
  return (
    <html lang="en">
      <body>
        <Providers userId={session?.user.id ?? null}>
          <header className="topbar">
            <Link href="/" className="brand">
              Acme Analytics
            </Link>
            <nav>
              <Link href="/pricing">Pricing</Link>
              {session ? (
                <>
                  <Link href="/dashboard">Dashboard</Link>
                  <span className="muted who" data-testid="signed-in-as">
                    {session.user.email}
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/sign-in">Sign in</Link>
                  <Link href="/sign-up" className="button small">
                    Sign up
                  </Link>
                </>
              )}
            </nav>
          </header>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  )
}

function ConfigProblem({ message }: { message: string }) {
  return (
    <html lang="en">
      <body>
        <main>
          <section className="card error" role="alert" data-testid="config-problem">
            <h1>The app is not configured correctly</h1>
            <p className="pre-line">{message}</p>
            <p className="muted">
              See <code>apps/web/.env.example</code> for every setting, then restart the server.
            </p>
          </section>
        </main>
      </body>
    </html>
  )
}
