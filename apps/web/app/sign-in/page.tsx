import { Suspense } from 'react'
import { AuthForm } from '@/components/AuthForm'

/** Sign-in page (the form reads `?next=` on the client). */
export default function SignInPage() {
  return (
    <Suspense>
      <AuthForm mode="sign-in" />
    </Suspense>
  )
}
