import { Suspense } from 'react'
import { AuthForm } from '@/components/AuthForm'

/** Sign-up page (the form reads `?next=` on the client). */
export default function SignUpPage() {
  return (
    <Suspense>
      <AuthForm mode="sign-up" />
    </Suspense>
  )
}
