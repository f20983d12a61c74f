import { FlowgladApiError } from '../state/FlowgladApiError'

/**
 * Checks the `Authorization` header: Flowglad takes the raw key (no `Bearer`); a `Bearer` prefix
 * is tolerated. The key is never echoed, whatever was sent.
 */
export function authorize(request: Request, apiKey: string): void {
  const header = request.headers.get('authorization')?.trim() ?? ''
  if (header === '') throw new FlowgladApiError('UNAUTHORIZED', 'Missing API key in the Authorization header')
  const key = header.replace(/^Bearer\s+/i, '')
  if (key !== apiKey) throw new FlowgladApiError('UNAUTHORIZED', 'Invalid API key')
}
