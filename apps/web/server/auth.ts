import 'server-only'
import { type BetterAuthOptions, betterAuth } from 'better-auth'
import { getMigrations } from 'better-auth/db/migration'
import { nextCookies } from 'better-auth/next-js'
import { getConfig, readOrCreateAuthSecret } from './config'
import { getDb } from './db'
import { getFlowglad } from './flowglad'

function authOptions() {
  const config = getConfig()
  return {
    // Better Auth's Kysely adapter on the app's PGlite database (Postgres SQL, migrations included).
    database: { db: getDb(), type: 'postgres' as const },
    baseURL: config.authURL,
    trustedOrigins: config.authTrustedOrigins,
    secret: readOrCreateAuthSecret(config.dataDir),
    emailAndPassword: { enabled: true, minPasswordLength: 8 },
    databaseHooks: {
      user: {
        create: {
          // Flowglad's integration guide: create the customer in the account-creation flow,
          // keyed by the app's own user id. Nothing Flowglad-side is stored in our database.
          after: async (user) => {
            try {
              await getFlowglad().customers.findOrCreate({
                externalId: user.id,
                email: user.email,
                name: user.name,
              })
            } catch (error) {
              // Sign-up still succeeds: billing reads find-or-create the customer again.
              console.error('[flowglad] could not create the customer at sign-up', error)
            }
          },
        },
      },
    },
    plugins: [nextCookies()],
  } satisfies BetterAuthOptions
}

/** The app's Better Auth instance. */
export type Auth = ReturnType<typeof betterAuth<ReturnType<typeof authOptions>>>
/** A signed-in user's session as Better Auth returns it. */
export type Session = NonNullable<Awaited<ReturnType<Auth['api']['getSession']>>>

const globalForAuth = globalThis as typeof globalThis & { __appAuth?: Promise<Auth> }

// Tables are created (or migrated) before the instance exists, so Better Auth's own schema
// check at construction finds them in place.
async function createAuth(): Promise<Auth> {
  const options = authOptions()
  const { runMigrations } = await getMigrations(options)
  await runMigrations()
  return betterAuth(options)
}

/** Better Auth, with its tables created or migrated before first use (once per process). */
export function getAuth(): Promise<Auth> {
  globalForAuth.__appAuth ??= createAuth().catch((error: unknown) => {
    globalForAuth.__appAuth = undefined // a fixed configuration takes effect on the next request
    throw error
  })
  return globalForAuth.__appAuth
}

/** The session for a request's headers, or null when signed out. */
export async function getSession(headers: Headers): Promise<Session | null> {
  const auth = await getAuth()
  return auth.api.getSession({ headers })
}
