import type { InvoiceLineItemRecord, InvoiceRecord } from '../state/records'
import { formatDate, INVOICE_STATUS_LABELS } from './format'
import { escapeHtml, formatMoney, page } from './html'
import type { PageContext } from './PageContext'

/** One invoice, opened from the portal (Flowglad's `/invoice/view/{org}/{id}`): its lines and total. */
export function invoicePage(
  context: PageContext,
  invoice: InvoiceRecord,
  lines: InvoiceLineItemRecord[],
  portalHref: string,
): Response {
  const rows = lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.description ?? '')}</td><td>${line.quantity}</td><td>${escapeHtml(formatMoney(line.price * line.quantity, invoice.currency))}</td></tr>`,
    )
    .join('')
  const total = invoice.subtotal ?? lines.reduce((sum, line) => sum + line.price * line.quantity, 0)
  return page(
    `Invoice ${invoice.invoiceNumber}`,
    `<p class="merchant">${escapeHtml(context.merchantName)}</p><h1>Invoice ${escapeHtml(invoice.invoiceNumber)}</h1>
<p class="muted">${escapeHtml(formatDate(invoice.invoiceDate))} · <span class="badge" data-testid="invoice-status">${escapeHtml(INVOICE_STATUS_LABELS[invoice.status])}</span></p>
<table data-testid="invoice-lines"><tr><th>Description</th><th>Qty</th><th>Amount</th></tr>${rows}</table>
<p class="price" data-testid="invoice-total">${escapeHtml(formatMoney(total, invoice.currency))}</p>
<p><a href="${escapeHtml(portalHref)}">&larr; Billing portal</a></p>`,
  )
}
