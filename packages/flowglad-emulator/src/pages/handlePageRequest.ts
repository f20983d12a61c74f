import { getCheckoutSession } from '../state/checkout/checkoutSessions'
import { completeCheckoutSession } from '../state/checkout/completeCheckoutSession'
import type { EmulatorStore } from '../state/EmulatorStore'
import { FlowgladApiError } from '../state/FlowgladApiError'
import { checkoutPage } from './checkoutPage'
import { faviconResponse } from './favicon'
import { escapeHtml, page } from './html'
import { indexPage } from './indexPage'
import { portalPage } from './portalPage'

const redirect = (location: string) => new Response(null, { status: 303, headers: { location } })

const field = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : undefined
}

async function routePage(
  request: Request,
  url: URL,
  store: EmulatorStore,
  [kind, id, action]: string[],
): Promise<Response | null> {
  if (kind === '' && request.method === 'GET') return indexPage(store)
  if (kind === 'favicon.ico' && !id && request.method === 'GET') return faviconResponse()
  if (kind === 'portal' && id && !action && request.method === 'GET')
    return portalPage(store, id, url.searchParams.get('return_url'))
  if (kind !== 'checkout' || !id) return null
  const { checkoutSession: session } = getCheckoutSession(store, id)
  if (request.method === 'GET' && !action) return checkoutPage(store, session)
  if (request.method !== 'POST') return null
  if (action === 'pay') {
    // An anonymous checkout's form carries the buyer; an identified one's carries nothing.
    const form = await request.formData().catch(() => new FormData())
    completeCheckoutSession(store, id, { email: field(form, 'email'), name: field(form, 'name') })
    return redirect(session.successUrl ?? `/checkout/${encodeURIComponent(id)}`)
  }
  if (action === 'cancel') return redirect(session.cancelUrl ?? `/checkout/${encodeURIComponent(id)}`)
  return null
}

/** Hosted pages: `/`, `/favicon.ico`, checkout (`/checkout/{id}`, Pay, Cancel) and portal (`/portal/{externalId}`); null = not a page. */
export async function handlePageRequest(
  request: Request,
  url: URL,
  store: EmulatorStore,
): Promise<Response | null> {
  const segments = url.pathname.split('/').slice(1)
  let decoded: string[]
  try {
    decoded = segments.map(decodeURIComponent)
  } catch {
    return null
  }
  try {
    return await routePage(request, url, store, decoded)
  } catch (error) {
    if (!(error instanceof FlowgladApiError)) throw error
    const status = error.code === 'NOT_FOUND' ? 404 : 400
    return page(
      'Flowglad emulator',
      `<h1>${status === 404 ? 'Not found' : 'Cannot do that'}</h1><p>${escapeHtml(error.message)}</p>`,
      status,
    )
  }
}
