// The hosted delivery log: `/webhooks` lists endpoints and deliveries with their attempts, and each
// delivery has a Redeliver button (a form POST, no JavaScript).
import { escapeHtml, page } from '../pages/html'
import type { WebhookControl } from './WebhookDispatcher'

const time = (ms: number) => new Date(ms).toISOString().slice(11, 23)

function render(webhooks: WebhookControl): Response {
  const endpoints = webhooks.endpoints()
  const rows = webhooks
    .deliveries()
    .map((delivery) => {
      const attempts = delivery.attempts
        .map((a) => `${time(a.at)} ${a.status ?? escapeHtml(a.error ?? 'no answer')} (${a.durationMs} ms)`)
        .join('<br>')
      return `<tr><td><span class="badge">${escapeHtml(delivery.eventType)}</span><br><code>${escapeHtml(delivery.messageId)}</code></td>
<td>${escapeHtml(delivery.status)}</td><td>${attempts || '…'}</td>
<td><form method="post" action="/webhooks/deliveries/${encodeURIComponent(delivery.id)}/redeliver"><button type="submit">Redeliver</button></form></td></tr>`
    })
    .join('')
  return page(
    'Webhooks',
    `<h1>Webhooks</h1>
<h2>Endpoints</h2>${
      endpoints.length
        ? `<ul>${endpoints.map((e) => `<li><code>${escapeHtml(e.url)}</code></li>`).join('')}</ul>`
        : '<p class="muted">None: start the emulator with --webhook-url URL.</p>'
    }
<h2>Deliveries</h2>${
      rows
        ? `<table><tr><th>Event</th><th>Status</th><th>Attempts</th><th></th></tr>${rows}</table>`
        : '<p class="muted">No deliveries yet.</p>'
    }`,
  )
}

/** Serves `/webhooks` and its Redeliver form; null for any other path. */
export function webhooksPage(request: Request, url: URL, webhooks: WebhookControl): Response | null {
  const [kind, section, id, action] = url.pathname.split('/').slice(1)
  if (kind !== 'webhooks') return null
  if (request.method === 'GET' && !section) return render(webhooks)
  if (request.method === 'POST' && section === 'deliveries' && id && action === 'redeliver') {
    try {
      webhooks.redeliver(decodeURIComponent(id))
    } catch {
      return page('Webhooks', '<h1>Unknown delivery</h1>', 404)
    }
    return new Response(null, { status: 303, headers: { location: '/webhooks' } })
  }
  return null
}
