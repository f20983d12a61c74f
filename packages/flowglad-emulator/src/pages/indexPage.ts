import type { EmulatorStore } from '../state/EmulatorStore'
import { escapeHtml, page } from './html'

/** `GET /`: what is running here and where things are, for a human who opens the base URL. */
export function indexPage(store: EmulatorStore): Response {
  const { pricingModel } = store.catalog
  const products = pricingModel.products
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.slug)}</code></td><td>${escapeHtml(p.name)}</td><td>${p.default ? '<span class="badge">default</span>' : ''}</td></tr>`,
    )
    .join('')
  return page(
    'Flowglad emulator',
    `<h1>Flowglad emulator</h1>
<p>A local, stateful Flowglad API. Point <code>@flowglad/node</code> at <code>${escapeHtml(store.baseUrl)}</code>.</p>
<p class="muted">${store.data.customers.length} customers · virtual time ${escapeHtml(new Date(store.now()).toISOString())}</p>
<h2>Pricing model: ${escapeHtml(pricingModel.name)}</h2><table>${products}</table>
<h2>Tools</h2><p>The control API (<code>/_emulator/requests</code>, <code>/_emulator/state</code>, …) needs the API key, so a browser tab cannot call it:</p>
<pre>curl -H "Authorization: $FLOWGLAD_SECRET_KEY" ${escapeHtml(store.baseUrl)}/_emulator/requests</pre>`,
  )
}
