import type { EmulatorStore } from '../state/EmulatorStore'
import type { CheckoutSessionRecord } from '../state/records'
import { escapeHtml, formatMoney, page } from './html'

const TITLES: Record<CheckoutSessionRecord['type'], string> = {
  product: 'Checkout',
  add_payment_method: 'Add a payment method',
  activate_subscription: 'Activate your subscription',
}

function describe(store: EmulatorStore, session: CheckoutSessionRecord): string {
  const price = session.priceId ? store.catalog.pricesById.get(session.priceId) : undefined
  if (!price) return '<p>A test card (Visa ending 4242) will be saved.</p>'
  const product = price.productId ? store.catalog.productsById.get(price.productId) : undefined
  const per =
    price.type === 'subscription'
      ? ` / ${price.intervalCount > 1 ? `${price.intervalCount} ` : ''}${price.intervalUnit}`
      : ''
  const quantity = session.quantity > 1 ? ` × ${session.quantity}` : ''
  const features = (product?.features ?? []).map((f) => `<li>${escapeHtml(f.name)}</li>`).join('')
  return `<h2 data-testid="product-name">${escapeHtml(product?.name ?? price.name)}</h2>
<p class="muted">${escapeHtml(product?.description ?? '')}</p>
<p class="price" data-testid="price">${escapeHtml(formatMoney(price.unitPrice * session.quantity, price.currency))}<span class="muted" style="font-size:1rem">${escapeHtml(per + quantity)}</span></p>
${features ? `<ul data-testid="features">${features}</ul>` : ''}`
}

// Anonymous checkout: Flowglad asks who is paying; the buyer becomes a customer on Pay.
// The fields sit above both buttons and belong to the Pay form through the `form` attribute.
const BUYER_FIELDS = `<div class="buyer">
<label>Email<input form="pay" name="email" type="email" autocomplete="email" placeholder="you@example.com"></label>
<label>Name<input form="pay" name="name" autocomplete="name"></label>
</div>`

/** The hosted checkout page: what is being bought, its price, Pay and Cancel as plain forms. */
export function checkoutPage(store: EmulatorStore, session: CheckoutSessionRecord): Response {
  const action = `/checkout/${encodeURIComponent(session.id)}`
  const body =
    session.status === 'open'
      ? `${session.customerId === null ? BUYER_FIELDS : ''}<div class="actions">
<form method="post" action="${escapeHtml(action)}/pay" id="pay"><button class="primary" type="submit">Pay</button></form>
<form method="post" action="${escapeHtml(action)}/cancel"><button type="submit">Cancel</button></form>
</div>`
      : `<p>This checkout session is <span class="badge" data-testid="status">${escapeHtml(session.status)}</span>.</p>`
  return page(
    TITLES[session.type],
    `<h1>${escapeHtml(TITLES[session.type])}</h1>${describe(store, session)}${body}`,
  )
}
