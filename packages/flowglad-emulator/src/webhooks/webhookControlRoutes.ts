// `/_emulator/webhooks…` control routes: list endpoints and deliveries, add or remove an endpoint,
// redeliver. Secrets are never listed (the response to adding an endpoint carries its own).
import { FlowgladApiError } from '../state/FlowgladApiError'
import type { WebhookControl, WebhookEndpoint } from './WebhookDispatcher'

const withoutSecret = ({ secret: _secret, ...endpoint }: WebhookEndpoint) => endpoint

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse((await request.text()) || '{}')
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>
  } catch {}
  throw new FlowgladApiError('BAD_REQUEST', 'Request body is not a JSON object')
}

/**
 * `GET webhooks` → `{ endpoints, deliveries }`; `POST webhooks/endpoints` `{ url, secret? }`;
 * `DELETE webhooks/endpoints/{id}`; `POST webhooks/deliveries/{id}/redeliver`.
 */
export async function handleWebhookControl(
  webhooks: WebhookControl,
  request: Request,
  rest: string[],
): Promise<unknown> {
  const [kind, id, action] = rest
  const route = `${request.method} ${kind ?? ''}${id ? ' id' : ''}${action ? ` ${action}` : ''}`
  try {
    switch (route) {
      case 'GET ':
        return { endpoints: webhooks.endpoints().map(withoutSecret), deliveries: webhooks.deliveries() }
      case 'POST endpoints': {
        const body = await jsonBody(request)
        if (typeof body.url !== 'string') throw new FlowgladApiError('BAD_REQUEST', '`url` is required')
        if (body.secret !== undefined && typeof body.secret !== 'string')
          throw new FlowgladApiError('BAD_REQUEST', '`secret` must be a string')
        return webhooks.addEndpoint({ url: body.url, secret: body.secret })
      }
      case 'DELETE endpoints id':
        if (!webhooks.removeEndpoint(id as string))
          throw new FlowgladApiError('NOT_FOUND', `No endpoint ${id}`)
        return { ok: true }
      case 'POST deliveries id redeliver':
        return webhooks.redeliver(id as string)
      default:
        throw new FlowgladApiError(
          'NOT_FOUND',
          `No control route ${request.method} /_emulator/webhooks/${rest.join('/')}`,
        )
    }
  } catch (error) {
    if (error instanceof TypeError) throw new FlowgladApiError('BAD_REQUEST', error.message)
    if (error instanceof RangeError) throw new FlowgladApiError('NOT_FOUND', error.message)
    throw error
  }
}
