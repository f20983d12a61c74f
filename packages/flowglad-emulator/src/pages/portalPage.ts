import { customerBilling } from '../state/customers/customerBilling'
import type { EmulatorStore } from '../state/EmulatorStore'
import { escapeHtml, formatMoney, page } from './html'

// Emulator convenience (Flowglad's hosted portal has no such parameter, and ignores it): an app may
// pass `?return_url=` so the page links back to it. Only absolute http(s) URLs, so the link is never
// `javascript:` or another scheme.
function returnLink(returnUrl: string | null): string {
  if (!returnUrl) return ''
  let url: URL
  try {
    url = new URL(returnUrl)
  } catch {
    return ''
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return ''
  return `<p><a href="${escapeHtml(url.href)}" data-testid="return-to-app">&larr; Back to the app</a></p>`
}

/** The billing portal: current plan, invoices and payment methods of one customer; `returnUrl` adds a link back. */
export function portalPage(
  store: EmulatorStore,
  externalId: string,
  returnUrl: string | null = null,
): Response {
  const billing = customerBilling(store, externalId)
  const plans = billing.currentSubscriptions
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td><span class="badge">${escapeHtml(s.status)}</span></td><td>${
          s.currentBillingPeriodEnd
            ? escapeHtml(new Date(s.currentBillingPeriodEnd).toISOString().slice(0, 10))
            : ''
        }</td></tr>`,
    )
    .join('')
  const invoices = billing.invoices
    .map(
      ({ invoice }) =>
        `<tr><td>${escapeHtml(invoice.invoiceNumber)}</td><td>${escapeHtml(formatMoney(invoice.subtotal ?? 0, invoice.currency))}</td><td>${escapeHtml(invoice.status)}</td></tr>`,
    )
    .join('')
  const cards = billing.paymentMethods
    .map(
      (pm) =>
        `<tr><td>${escapeHtml(pm.paymentMethodData.brand)} •••• ${escapeHtml(pm.paymentMethodData.last4)}</td><td>${pm.default ? '<span class="badge">default</span>' : ''}</td></tr>`,
    )
    .join('')
  const empty = (what: string) => `<p class="muted">No ${what}.</p>`
  return page(
    'Billing portal',
    `<h1>Billing portal</h1><p class="muted">${escapeHtml(billing.customer.name)} &lt;${escapeHtml(billing.customer.email)}&gt;</p>
<h2>Plan</h2>${plans ? `<table data-testid="plans"><tr><th>Plan</th><th>Status</th><th>Renews</th></tr>${plans}</table>` : empty('current plan')}
<h2>Invoices</h2>${invoices ? `<table data-testid="invoices"><tr><th>Number</th><th>Amount</th><th>Status</th></tr>${invoices}</table>` : empty('invoices')}
<h2>Payment methods</h2>${cards ? `<table data-testid="payment-methods">${cards}</table>` : empty('payment methods')}${returnLink(returnUrl)}`,
  )
}
