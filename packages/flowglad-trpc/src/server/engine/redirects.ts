import { TRPCError } from '@trpc/server'
import { FlowgladConfigurationError } from '../errors/normalizeError'

/** What decides the checkout redirect policy (a subset of `createFlowglad`'s options). */
export interface RedirectPolicyOptions {
  /** Origins checkout `successUrl`/`cancelUrl` must be on (e.g. `https://app.example.com`). */
  readonly allowedRedirectOrigins?: readonly string[] | undefined
  readonly apiKey?: string | undefined
  /** `createFlowglad`'s `environment` (defaults to `process.env.NODE_ENV`). */
  readonly environment?: string | undefined
}

/** Checks checkout redirect targets (already absolute http(s) and normalised by the input schema). */
export interface RedirectPolicy {
  /** Throws BAD_REQUEST for a URL off the allowed origins, or a configuration error (see `createRedirectPolicy`). */
  check(urls: Readonly<Record<string, string>>): void
}

// Flowglad's secret keys name their mode: `sk_live_` or `sk_test_`
// (flowglad/flowglad platform/flowglad-next/src/db/databaseAuthentication.ts @ 49b3368f).
const LIVE_KEY_PREFIX = 'sk_live_'

/**
 * A configuration that moves real customers: a key in production, or a live-mode key anywhere.
 * The emulator (no key) and test keys in development may redirect anywhere over http(s).
 */
function isProductionConfiguration(options: RedirectPolicyOptions): boolean {
  if (!options.apiKey) return false
  const environment = options.environment ?? process.env.NODE_ENV
  return environment === 'production' || options.apiKey.startsWith(LIVE_KEY_PREFIX)
}

/** Normalises the allowed origins (each an absolute http(s) URL; only its origin counts). */
function parseOrigins(origins: readonly string[]): ReadonlySet<string> {
  return new Set(
    origins.map((origin) => {
      const url = URL.canParse(origin) ? new URL(origin) : undefined
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
        throw new FlowgladConfigurationError(
          `flowglad-trpc: allowedRedirectOrigins: "${origin}" is not an absolute http(s) URL`,
        )
      return url.origin
    }),
  )
}

/**
 * The checkout redirect policy. With `allowedRedirectOrigins`, every URL must be on one of them.
 * Without it, a production configuration (a key with NODE_ENV=production, or any `sk_live_` key)
 * refuses every checkout with a configuration error naming the option: an open redirect is never
 * the silent default. That requirement is checked at first checkout, not at startup, so builds need no origins.
 */
export function createRedirectPolicy(options: RedirectPolicyOptions): RedirectPolicy {
  // Origins written in the configuration are checked now, so a typo fails at startup, not per checkout.
  const allowed = options.allowedRedirectOrigins && parseOrigins(options.allowedRedirectOrigins)
  const production = isProductionConfiguration(options)
  return {
    check(urls) {
      if (!allowed) {
        if (production)
          throw new FlowgladConfigurationError(
            'flowglad-trpc: checkout needs createFlowglad({ allowedRedirectOrigins: ["https://your.app"] }) ' +
              'with a production Flowglad key, so successUrl/cancelUrl cannot send customers to another site.',
          )
        return
      }
      for (const [field, url] of Object.entries(urls)) {
        if (!allowed.has(new URL(url).origin))
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: `${field} must be on an allowed origin (${[...allowed].join(', ')})`,
          })
      }
    },
  }
}
