import type { OpenApiDocument } from './openapiSchema'

/**
 * Where Flowglad's server (run as the oracle) sends what its own `openapi.json` rejects: the
 * server is the authority, so the bundled spec is corrected here before validation, one row per
 * fact, each proven by the named conformance test against the oracle.
 */
interface SpecCorrection {
  /** JSON pointer segments from the document root to the schema to correct. */
  at: string[]
  /** The schema keys to set on it. */
  set: Record<string, unknown>
  /** Why, and which two-target test shows it. */
  why: string
}

const BILLING_200 = [
  'paths',
  '/api/v1/customers/{externalId}/billing',
  'get',
  'responses',
  '200',
  'content',
  'application/json',
  'schema',
  'properties',
]

export const SPEC_CORRECTIONS: readonly SpecCorrection[] = [
  {
    at: [...BILLING_200, 'currentSubscription'],
    set: { nullable: true },
    why: '`customerBillingTransaction` sends `currentSubscription: null` when no subscription is current (conformance/subscriptions.test.ts › billing carries `currentSubscription: null`…)',
  },
]

/** Applies every correction; a pointer that no longer resolves throws (the spec changed: recheck). */
export function correctSpec(document: OpenApiDocument): OpenApiDocument {
  for (const correction of SPEC_CORRECTIONS) {
    let node: unknown = document
    for (const key of correction.at) node = (node as Record<string, unknown> | undefined)?.[key]
    if (!node || typeof node !== 'object')
      throw new Error(`spec correction does not resolve: ${correction.at.join(' › ')}`)
    Object.assign(node, correction.set)
  }
  return document
}
