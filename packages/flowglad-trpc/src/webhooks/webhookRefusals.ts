import type { SignatureFailure } from './verifySvixSignature'

/** Why the receiver refused a request; none of these runs a handler. */
export type WebhookRefusal =
  | 'method_not_allowed'
  | 'body_too_large'
  | 'invalid_payload'
  | 'busy'
  | 'handler_failed'
  | SignatureFailure

/**
 * The status per refusal. Any non-2xx makes the sender retry: signature and time failures are 401
 * (a retry re-signs with a fresh time), a delivery already running elsewhere 409, a failed handler 500.
 */
export const WEBHOOK_REFUSAL_STATUS: Record<WebhookRefusal, number> = {
  method_not_allowed: 405,
  body_too_large: 413,
  missing_headers: 400,
  bad_timestamp: 400,
  invalid_payload: 400,
  stale_timestamp: 401,
  future_timestamp: 401,
  bad_signature: 401,
  busy: 409,
  handler_failed: 500,
}

/** The JSON answer for a refusal: the code only, never what was received or the handler's error. */
export function refusalResponse(refusal: WebhookRefusal): Response {
  return new Response(JSON.stringify({ error: refusal }), {
    status: WEBHOOK_REFUSAL_STATUS[refusal],
    headers: {
      'content-type': 'application/json',
      ...(refusal === 'method_not_allowed' ? { allow: 'POST' } : {}),
    },
  })
}
