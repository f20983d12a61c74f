import type { CheckoutSessionRecord, PriceRecord } from '../state/records'
import { formatInterval } from './format'
import { escapeHtml, formatMoney, page } from './html'
import type { PageContext } from './PageContext'

const TITLES: Record<CheckoutSessionRecord['type'], string> = {
  product: 'Checkout',
  add_payment_method: 'Add a payment method',
  activate_subscription: 'Activate your subscription',
}

const SESSION_STATUS_LABELS: Record<CheckoutSessionRecord['status'], string> = {
  open: 'open',
  pending: 'being processed',
  succeeded: 'complete: the payment went through',
  failed: 'failed',
  expired: 'expired',
}

/** The submit button's words, as Flowglad's PaymentForm `getButtonText` chooses them. */
function buttonText(session: CheckoutSessionRecord, price: PriceRecord | undefined): string {
  if (session.type === 'add_payment_method') return 'Add Payment Method'
  if (!price) return 'Pay'
  const total = formatMoney(price.unitPrice * session.quantity, price.currency)
  if (price.type === 'subscription') return `Start ${total} Subscription`
  return `Pay ${total}`
}

function describe(
  context: PageContext,
  session: CheckoutSessionRecord,
  price: PriceRecord | undefined,
): string {
  if (!price) return '<p>A test card (Visa ending 4242) will be saved.</p>'
  const { store } = context
  const product = price.productId ? store.catalog.productsById.get(price.productId) : undefined
  const per =
    price.type === 'subscription' ? ` ${formatInterval(price.intervalUnit, price.intervalCount)}` : ''
  const quantity =
    session.quantity > 1 ? ` (${session.quantity} × ${formatMoney(price.unitPrice, price.currency)})` : ''
  const features = (product?.features ?? []).map((f) => `<li>${escapeHtml(f.name)}</li>`).join('')
  return `<h2 data-testid="product-name">${escapeHtml(product?.name ?? price.name)}</h2>
<p class="muted">${escapeHtml(product?.description ?? '')}</p>
<p class="price" data-testid="price">${escapeHtml(formatMoney(price.unitPrice * session.quantity, price.currency))}<span class="muted" style="font-size:1rem" data-testid="interval">${escapeHtml(per + quantity)}</span></p>
${features ? `<ul data-testid="features">${features}</ul>` : ''}`
}

// Anonymous checkout: Flowglad asks who is paying; the buyer becomes a customer on Pay.
// The fields sit above both buttons and belong to the Pay form through the `form` attribute.
const BUYER_FIELDS = `<div class="buyer">
<label>Email<input form="pay" name="email" type="email" autocomplete="email" placeholder="you@example.com"></label>
<label>Name<input form="pay" name="name" autocomplete="name"></label>
</div>`

/** The hosted checkout page: the seller, what is being bought and its price, Pay and Cancel as plain forms. */
export function checkoutPage(context: PageContext, session: CheckoutSessionRecord): Response {
  const price = session.priceId ? context.store.catalog.pricesById.get(session.priceId) : undefined
  const action = `/checkout/${encodeURIComponent(session.id)}`
  const body =
    session.status === 'open'
      ? `${session.customerId === null ? BUYER_FIELDS : ''}<div class="actions">
<form method="post" action="${escapeHtml(action)}/pay" id="pay"><button class="primary" type="submit" data-testid="pay">${escapeHtml(buttonText(session, price))}</button></form>
<form method="post" action="${escapeHtml(action)}/cancel"><button type="submit" data-testid="cancel">Cancel</button></form>
</div>`
      : `<p data-testid="status">This checkout is ${escapeHtml(SESSION_STATUS_LABELS[session.status])}.</p>`
  return page(
    TITLES[session.type],
    `<p class="merchant" data-testid="merchant">${escapeHtml(context.merchantName)}</p><h1>${escapeHtml(TITLES[session.type])}</h1>${describe(context, session, price)}${body}`,
  )
}
