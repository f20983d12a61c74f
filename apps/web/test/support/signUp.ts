import { randomUUID } from 'node:crypto'
import { beforeAll } from 'vitest'
import { appRouter } from '@/server/appRouter'
import { getAuth } from '@/server/auth'
import { createCallerFactory, createContext } from '@/server/trpc'

const createCaller = createCallerFactory(appRouter)

// Every file that signs users up opens the app's database first, outside any one test's timeout:
// the first open creates the PGlite database (initdb; seconds, more on a busy machine).
beforeAll(async () => {
  await getAuth()
}, 180_000)

/**
 * Signs a new user up through Better Auth and returns a caller carrying their session cookie (and
 * the cookie headers, for route handlers).
 * The context is built per call, as the route handler builds one per HTTP request.
 */
export async function signUp() {
  const auth = await getAuth()
  const email = `user-${randomUUID()}@example.com`
  const response = await auth.api.signUpEmail({
    body: { email, password: 'correct horse battery', name: 'Test User' },
    asResponse: true,
  })
  const headers = new Headers({
    cookie: response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; '),
  })
  const { session } = await createContext({ headers })
  if (!session) throw new Error('sign-up did not produce a session')
  return { caller: createCaller(() => createContext({ headers })), user: session.user, headers }
}

/** A caller with no session. */
export function signedOut() {
  return createCaller(() => createContext({ headers: new Headers() }))
}
