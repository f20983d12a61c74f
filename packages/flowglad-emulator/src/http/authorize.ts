import { textResponse } from './errorResponse'

const FORMAT =
  'Authorization header is required, and must include api key in format Authorization: "Bearer <key>", or Authorization: "<key>"'
const SDK_API_KEY_MESSAGE =
  "Please check that you are providing a valid API key. If requesting via SDK, ensure the FLOWGLAD_SECRET_KEY is set in your server's environment variables."

/**
 * The key in an `Authorization` header, as Flowglad's `getApiKeyHeader` (utils/apiKeyHelpers.ts)
 * reads it: `Bearer <key>` (any case) or a bare key without spaces; anything else is no key.
 */
export function apiKeyFromHeader(header: string): string | null {
  const trimmed = header.trim()
  if (trimmed.toLowerCase().startsWith('bearer ')) return trimmed.slice('Bearer '.length)
  return trimmed.includes(' ') ? null : trimmed
}

/**
 * Checks the `Authorization` header as Flowglad's `withVerification` (app/api/v1/[...path]/route.ts)
 * does: a refusal is a plain-text 401, never JSON, and never echoes the key. Null when authorised.
 */
export function authorize(request: { headers: Headers }, apiKey: string): Response | null {
  return authorizeHeader(request.headers.get('authorization'), apiKey)
}

/** `authorize` on the `Authorization` header's value (null when absent). */
export function authorizeHeader(header: string | null, apiKey: string): Response | null {
  if (!header) return textResponse(`Unauthorized. ${FORMAT}`, 401)
  const key = apiKeyFromHeader(header)
  if (!key)
    return textResponse(`Either the API key was missing, or it was in an invalid format. ${FORMAT}`, 401)
  if (key !== apiKey) return textResponse(`API key invalid. ${SDK_API_KEY_MESSAGE}`, 401)
  return null
}
