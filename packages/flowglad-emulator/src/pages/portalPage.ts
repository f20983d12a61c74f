import type { CustomerBilling } from '../state/customers/customerBilling'
import type { SubscriptionDetailsRecord } from '../state/records'
import { formatDate, formatInterval, INVOICE_STATUS_LABELS, SUBSCRIPTION_STATUS_LABELS } from './format'
import { escapeHtml, formatMoney, page } from './html'
import type { PageContext } from './PageContext'
import type { ReturnTarget } from './returnTarget'

/** Where the portal's forms post and its links point: the page's own signed path. */
export interface PortalPaths {
  /** `/portal/{externalId}`. */
  base: string
  /** The signed query (`?expires=…&signature=…[&return_url=…]`), carried by every action. */
  query: string
}

const form = (paths: PortalPaths, action: string, label: string, testId: string, fields = '') =>
  `<form method="post" action="${escapeHtml(`${paths.base}/${action}${paths.query}`)}">${fields}<button type="submit" data-testid="${testId}">${escapeHtml(label)}</button></form>`

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`

// Flowglad's portal (billing-portal/.../Internal.tsx, registry/base/subscription-card) shows the
// amount with its interval, the period, "Subscription will end on …" once a cancellation is
// scheduled, cancels at the end of the period, and offers no cancel on the default (free) plan.
function planCard(paths: PortalPaths, subscription: SubscriptionDetailsRecord, isDefault: boolean): string {
  const amount = subscription.subscriptionItems.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0)
  const currency = subscription.subscriptionItems[0]?.price.currency ?? 'USD'
  const period =
    subscription.currentBillingPeriodStart && subscription.currentBillingPeriodEnd
      ? `<p class="muted">Current period: ${escapeHtml(formatDate(subscription.currentBillingPeriodStart))} – ${escapeHtml(formatDate(subscription.currentBillingPeriodEnd))}</p>`
      : ''
  const ending = subscription.status === 'cancellation_scheduled'
  const end = subscription.cancelScheduledAt ?? subscription.currentBillingPeriodEnd
  const notice = ending
    ? `<p class="notice" data-testid="cancellation-notice">Subscription will end on ${escapeHtml(end ? formatDate(end) : 'the end of this period')}. You will continue to have access until this date.</p>`
    : subscription.currentBillingPeriodEnd && !isDefault
      ? `<p class="muted" data-testid="renews">Renews on ${escapeHtml(formatDate(subscription.currentBillingPeriodEnd))}</p>`
      : ''
  const field = hidden('subscriptionId', subscription.id)
  const action = ending
    ? form(paths, 'uncancel', 'Keep subscription', 'uncancel-subscription', field)
    : isDefault
      ? ''
      : form(paths, 'cancel', 'Cancel subscription', 'cancel-subscription', field)
  return `<div class="card" data-testid="plan"><p><strong>${escapeHtml(subscription.name ?? subscription.subscriptionItems[0]?.name ?? 'Plan')}</strong> <span class="badge" data-testid="plan-status">${escapeHtml(SUBSCRIPTION_STATUS_LABELS[subscription.status])}</span></p>
<p data-testid="plan-amount">${escapeHtml(formatMoney(amount, currency))} <span class="muted">${escapeHtml(formatInterval(subscription.interval, subscription.intervalCount))}</span></p>
${period}${notice}<div class="actions">${action}</div></div>`
}

/**
 * The billing portal, as Flowglad's customer portal offers it: the current plan (cancel at period
 * end, or keep it), payment methods (add one through a hosted checkout, make one the default) and
 * invoices (each opens).
 */
export function portalPage(
  context: PageContext,
  billing: CustomerBilling,
  paths: PortalPaths,
  back: ReturnTarget | null,
): Response {
  const defaultProductId = billing.pricingModel.products.find((p) => p.default)?.id
  const plans = billing.currentSubscriptions
    .map((s) =>
      planCard(
        paths,
        s,
        s.subscriptionItems.some((item) => item.price.productId === defaultProductId),
      ),
    )
    .join('')
  const invoices = billing.invoices
    .map(
      ({ invoice }) =>
        `<tr data-testid="invoice"><td><a href="${escapeHtml(`${paths.base}/invoices/${encodeURIComponent(invoice.id)}${paths.query}`)}">${escapeHtml(invoice.invoiceNumber)}</a></td><td>${escapeHtml(formatDate(invoice.invoiceDate))}</td><td>${escapeHtml(formatMoney(invoice.subtotal ?? 0, invoice.currency))}</td><td>${escapeHtml(INVOICE_STATUS_LABELS[invoice.status])}</td></tr>`,
    )
    .join('')
  const cards = billing.paymentMethods
    .map((pm) => {
      const makeDefault = pm.default
        ? ''
        : form(
            paths,
            'default-payment-method',
            'Make default',
            'make-default',
            hidden('paymentMethodId', pm.id),
          )
      return paymentMethodRow(pm.paymentMethodData, pm.default, makeDefault)
    })
    .join('')
  const empty = (what: string) => `<p class="muted">No ${what}.</p>`
  return page(
    'Billing portal',
    `<p class="merchant" data-testid="merchant">${escapeHtml(context.merchantName)}</p><h1>Billing portal</h1><p class="muted">${escapeHtml(billing.customer.name)} &lt;${escapeHtml(billing.customer.email)}&gt;</p>
<h2>Subscription</h2>${plans || empty('current subscription')}
<h2>Payment methods</h2>${cards ? `<table data-testid="payment-methods">${cards}</table>` : empty('payment methods')}
<div class="actions">${form(paths, 'payment-methods', 'Add Payment Method', 'add-payment-method')}</div>
<h2>Invoices</h2>${invoices ? `<table data-testid="invoices"><tr><th>Number</th><th>Date</th><th>Amount</th><th>Status</th></tr>${invoices}</table>` : empty('invoices')}
${returnLink(back)}`,
  )
}

/** "Visa •••• 4242  Default / Expires 12/34", as Flowglad's payment-method-row.tsx shows a card. */
function paymentMethodRow(data: Record<string, string | number>, isDefault: boolean, action: string): string {
  const brand = String(data.brand ?? '')
  const label = brand ? `${brand[0]?.toUpperCase()}${brand.slice(1)} ` : ''
  const expiry =
    data.exp_month && data.exp_year
      ? `Expires ${String(data.exp_month).padStart(2, '0')}/${String(data.exp_year).slice(-2)}`
      : ''
  return `<tr data-testid="payment-method"><td>${escapeHtml(label)}•••• ${escapeHtml(data.last4 ?? '')}${isDefault ? ' <span class="badge">Default</span>' : ''}</td><td class="muted">${escapeHtml(expiry)}</td><td>${action}</td></tr>`
}

/** The way back to the app: a link when the address is trusted, otherwise the address as text. */
export function returnLink(back: ReturnTarget | null): string {
  if (!back) return ''
  if (back.kind === 'follow')
    return `<p><a href="${escapeHtml(back.url)}" data-testid="return-to-app">&larr; Back to the app</a></p>`
  return `<p class="muted" data-testid="return-not-followed">The app's return address is not linked because ${escapeHtml(back.reason)}: <code>${escapeHtml(back.text)}</code></p>`
}
