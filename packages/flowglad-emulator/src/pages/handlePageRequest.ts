import { createCheckoutSession, getCheckoutSession } from '../state/checkout/checkoutSessions'
import { completeCheckoutSession } from '../state/checkout/completeCheckoutSession'
import { setDefaultPaymentMethod } from '../state/checkout/setDefaultPaymentMethod'
import { customerBilling } from '../state/customers/customerBilling'
import { FlowgladApiError, notFound } from '../state/FlowgladApiError'
import type { CheckoutSessionRecord } from '../state/records'
import { cancelSubscription, uncancelSubscription } from '../state/subscriptions/cancelSubscription'
import { checkoutPage } from './checkoutPage'
import { faviconResponse } from './favicon'
import { escapeHtml, page } from './html'
import { indexPage } from './indexPage'
import { invoicePage } from './invoicePage'
import type { PageContext } from './PageContext'
import { type PortalPaths, portalPage, returnLink } from './portalPage'
import { httpOrigin, type ReturnTarget, returnTarget } from './returnTarget'

const redirect = (location: string) => new Response(null, { status: 303, headers: { location } })

const field = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : undefined
}

/** The app origins plus the origin of the checkout's own `successUrl`. */
function trustedFor(context: PageContext, successUrls: Array<string | null>): Set<string> {
  const trusted = new Set(context.appOrigins)
  for (const url of successUrls) {
    const origin = httpOrigin(url)
    if (origin) trusted.add(origin)
  }
  return trusted
}

/** Redirects to a trusted address; otherwise a page that says what happened and shows the address. */
function goBack(target: ReturnTarget, title: string, message: string): Response {
  if (target.kind === 'follow') return redirect(target.url)
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${returnLink(target)}`)
}

async function checkoutAction(
  request: Request,
  context: PageContext,
  session: CheckoutSessionRecord,
  action: string,
): Promise<Response | null> {
  const self = `/checkout/${encodeURIComponent(session.id)}`
  const trusted = trustedFor(context, [session.successUrl])
  if (action === 'pay') {
    // An anonymous checkout's form carries the buyer; an identified one's carries nothing.
    const form = await request.formData().catch(() => new FormData())
    completeCheckoutSession(context.store, session.id, {
      email: field(form, 'email'),
      name: field(form, 'name'),
    })
    if (!session.successUrl) return redirect(self)
    return goBack(returnTarget(session.successUrl, trusted), 'Payment complete', 'Your payment went through.')
  }
  if (action === 'cancel') {
    if (!session.cancelUrl) return redirect(self)
    return goBack(returnTarget(session.cancelUrl, trusted), 'Checkout canceled', 'Nothing was charged.')
  }
  return null
}

async function portalRoute(
  request: Request,
  url: URL,
  context: PageContext,
  [externalId, action, id]: Array<string | undefined>,
): Promise<Response | null> {
  if (!externalId) return null
  const refusal = context.portalLinks.refusal(externalId, url.searchParams)
  if (refusal) return page('Billing portal', `<h1>Link not valid</h1><p>${escapeHtml(refusal)}</p>`, 403)
  const { store } = context
  const paths: PortalPaths = { base: `/portal/${encodeURIComponent(externalId)}`, query: url.search }
  const billing = customerBilling(store, externalId)
  const home = `${paths.base}${paths.query}`
  if (request.method === 'GET' && !action) {
    const raw = url.searchParams.get('return_url')
    const trusted = trustedFor(
      context,
      store.data.checkoutSessions
        .filter((s) => s.customerId === billing.customer.id)
        .map((s) => s.successUrl),
    )
    return portalPage(context, billing, paths, raw ? returnTarget(raw, trusted) : null)
  }
  if (request.method === 'GET' && action === 'invoices' && id) {
    const entry = billing.invoices.find(({ invoice }) => invoice.id === id)
    if (!entry) throw notFound('Invoice', id)
    return invoicePage(context, entry.invoice, entry.invoiceLineItems, home)
  }
  if (request.method !== 'POST' || id) return null
  if (action === 'payment-methods') {
    const back = `${store.baseUrl}${home}`
    const { url: checkoutUrl } = createCheckoutSession(store, {
      type: 'add_payment_method',
      customerExternalId: externalId,
      successUrl: back,
      cancelUrl: back,
    })
    return redirect(checkoutUrl)
  }
  const form = await request.formData().catch(() => new FormData())
  if (action === 'default-payment-method') {
    setDefaultPaymentMethod(store, billing.customer, field(form, 'paymentMethodId') ?? '')
    return redirect(home)
  }
  if (action !== 'cancel' && action !== 'uncancel') return null
  const subscriptionId = field(form, 'subscriptionId') ?? ''
  // Only this customer's own subscriptions: the signed link is for one customer.
  if (!billing.subscriptions.some((s) => s.id === subscriptionId))
    throw notFound('Subscription', subscriptionId)
  if (action === 'cancel') cancelSubscription(store, subscriptionId, 'at_end_of_current_billing_period')
  else uncancelSubscription(store, subscriptionId)
  return redirect(home)
}

async function routePage(
  request: Request,
  url: URL,
  context: PageContext,
  [kind, ...rest]: string[],
): Promise<Response | null> {
  if (kind === '' && request.method === 'GET' && rest.length === 0) return indexPage(context.store)
  if (kind === 'favicon.ico' && rest.length === 0 && request.method === 'GET') return faviconResponse()
  if (kind === 'portal') return portalRoute(request, url, context, rest)
  const [id, action] = rest
  if (kind !== 'checkout' || !id || rest.length > 2) return null
  const { checkoutSession: session } = getCheckoutSession(context.store, id)
  if (request.method === 'GET' && !action) return checkoutPage(context, session)
  if (request.method !== 'POST' || !action) return null
  return checkoutAction(request, context, session, action)
}

/**
 * Hosted pages: `/`, `/favicon.ico`, checkout (`/checkout/{id}`, Pay, Cancel) and the portal
 * (`/portal/{externalId}` behind a signed link: cancel, keep, add a payment method, invoices).
 * Null = not a page.
 */
export async function handlePageRequest(
  request: Request,
  url: URL,
  context: PageContext,
): Promise<Response | null> {
  const segments = url.pathname.split('/').slice(1)
  let decoded: string[]
  try {
    decoded = segments.map(decodeURIComponent)
  } catch {
    return null
  }
  try {
    return await routePage(request, url, context, decoded)
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
