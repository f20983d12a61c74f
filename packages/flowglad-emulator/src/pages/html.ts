import { faviconDataUrl } from './favicon'

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  )
}

/** Formats minor units as money ("$20.00"). */
export function formatMoney(minor: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100)
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;background:#f6f7f9;color:#1d2330;margin:0}
main{max-width:32rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:0 0 1rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem}
.muted{color:#667}.price{font-size:2rem;font-weight:600;margin:.5rem 0 1.5rem}
.actions{display:flex;gap:.75rem}button{font:inherit;padding:.6rem 1.4rem;border-radius:8px;border:1px solid #ccd;cursor:pointer;background:#fff}
button.primary{background:#2f5bea;border-color:#2f5bea;color:#fff}
.buyer{display:grid;gap:.75rem;margin:0 0 1.25rem}.buyer label{display:grid;gap:.25rem;font-size:.9rem;color:#445}
.buyer input{font:inherit;padding:.5rem .7rem;border:1px solid #ccd;border-radius:8px}
table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:.35rem 0;border-bottom:1px solid #eee}
.merchant{font-weight:600;color:#445;margin:0 0 .5rem}.card{border:1px solid #eee;border-radius:8px;padding:1rem;margin:.5rem 0}
.notice{background:#fff7e0;border-radius:6px;padding:.5rem .75rem}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:99px;background:#eef;font-size:.85rem}
`

/** A complete, JS-free HTML page with the emulator's styling. */
export function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><link rel="icon" href="${faviconDataUrl}"><style>${STYLE}</style></head><body><main>${body}<p class="muted" style="margin-top:2rem;font-size:.8rem">Flowglad emulator: test mode, no real charges.</p></main></body></html>`
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } })
}
