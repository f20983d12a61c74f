/**
 * How safe it is to send an upstream request again when its answer is lost:
 * - `read`: changes nothing;
 * - `idempotent`: a repeat leaves Flowglad as one request would (same transactionId, same end state);
 * - `unsafe`: a repeat may act twice (a second customer, checkout session, subscription, claim).
 */
export type RequestSafety = 'read' | 'idempotent' | 'unsafe'

type Body = Record<string, unknown> | undefined

const hasText = (value: unknown): boolean => typeof value === 'string' && value.length > 0
const record = (value: unknown): Body =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined

/** A POST that Flowglad applies once however often it arrives, and how to tell from its body. */
interface IdempotentPost {
  readonly path: RegExp
  readonly when: (body: Body) => boolean
}

// Read from Flowglad's server (platform/flowglad-next/src, commit 49b3368f): usage events are
// unique per (transactionId, usage meter) (src/utils/usage/); archiving an archived customer
// returns it (customersRouter.ts archiveCustomer, "idempotent"); uncancel and cancel end in the
// same state when repeated (src/subscriptions/cancelSubscription.ts returns a terminal subscription
// as is); claims and releases by external id or claim id name their targets, by quantity they do not.
const idempotentPosts: readonly IdempotentPost[] = [
  { path: /\/usage-events$/, when: (body) => hasText(record(body?.usageEvent)?.transactionId) },
  {
    path: /\/usage-events\/bulk$/,
    when: (body) =>
      Array.isArray(body?.usageEvents) &&
      body.usageEvents.every((event: unknown) => hasText(record(event)?.transactionId)),
  },
  { path: /\/customers\/[^/]+\/archive$/, when: () => true },
  { path: /\/subscriptions\/[^/]+\/(cancel|uncancel)$/, when: () => true },
  { path: /\/resource-claims\/[^/]+\/(claim|release)$/, when: (body) => body?.quantity === undefined },
]

/** The safety of each HTTP method; POST depends on the endpoint and body (read only for a POST). */
const safetyByMethod: Record<string, (url: string, body: unknown) => RequestSafety> = {
  GET: () => 'read',
  HEAD: () => 'read',
  PUT: () => 'idempotent',
  DELETE: () => 'idempotent',
  POST: (url, rawBody) => {
    const path = new URL(url).pathname
    const body = parseBody(rawBody)
    return idempotentPosts.some((post) => post.path.test(path) && post.when(body)) ? 'idempotent' : 'unsafe'
  },
}

function parseBody(body: unknown): Body {
  if (typeof body !== 'string') return undefined
  try {
    return record(JSON.parse(body))
  } catch {
    return undefined
  }
}

/** Classifies one upstream request (method upper-case); anything unrecognised is `unsafe` (never repeated blindly). */
export function requestSafety(method: string, url: string, body: unknown): RequestSafety {
  const classify = safetyByMethod[method]
  return classify ? classify(url, body) : 'unsafe'
}
