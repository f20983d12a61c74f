import { getAuth } from '@/server/auth'

// Better Auth's own endpoints (sign-up, sign-in, sign-out, session). The instance is created
// lazily so a missing configuration is reported per request instead of breaking the build.
async function handler(req: Request): Promise<Response> {
  const auth = await getAuth()
  return auth.handler(req)
}

export { handler as GET, handler as POST }
