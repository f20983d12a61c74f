'use client'
import { useInvoices } from '@/client/flowglad'
import { formatMoney } from '@/components/formatPrice'

/** The customer's invoices, newest first. */
export function InvoicesSection() {
  const { invoices, isLoading } = useInvoices()
  return (
    <section className="card stack">
      <h2>Invoices</h2>
      {isLoading ? (
        <p>Loading invoices…</p>
      ) : !invoices?.length ? (
        <p className="muted">No invoices yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Number</th>
              <th>Date</th>
              <th>Status</th>
              <th>Total</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map(({ invoice, invoiceLineItems }) => (
              <tr key={invoice.id} data-testid="invoice-row">
                <td>{invoice.invoiceNumber}</td>
                <td>{new Date(invoice.createdAt).toLocaleDateString('en-US', { dateStyle: 'medium' })}</td>
                <td>{invoice.status}</td>
                <td>
                  {formatMoney(
                    invoiceLineItems.reduce((sum, item) => sum + item.price * item.quantity, 0),
                    invoice.currency,
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
