// The oracle's Stripe stand-in (the shared stripe-stub.mjs, same routes and answers on
// 127.0.0.1:12111), plus what a billing run needs to finish: confirming a PaymentIntent creates
// a succeeded Charge (`latest_charge`, card details, amount), which `charges.retrieve` answers.
// Started by scripts/oracle/task-runner.sh, which first copies the running stub's objects over
// (every object it listed), so customers created before the swap keep their Stripe ids.
// Usage: node stripe-stand-in.mjs [objects.json]
import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'

const PREFIX = {
  customers: ['cus', 'customer'],
  payment_intents: ['pi', 'payment_intent'],
  setup_intents: ['seti', 'setup_intent'],
  payment_methods: ['pm', 'payment_method'],
  checkout_sessions: ['cs', 'checkout.session'],
  charges: ['ch', 'charge'],
  products: ['prod', 'product'],
  prices: ['price', 'price'],
  ephemeral_keys: ['ephkey', 'ephemeral_key'],
  customer_sessions: ['cuss', 'customer_session'],
  refunds: ['re', 'refund'],
  accounts: ['acct', 'account'],
}
const store = new Map()
for (const obj of process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : [])
  store.set(obj.id, obj)

function setDeep(obj, path, value) {
  let cur = obj
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]
    if (cur[k] === undefined) cur[k] = /^\d+$/.test(path[i + 1]) ? [] : {}
    cur = cur[k]
  }
  cur[path[path.length - 1]] = value
}
function parseForm(body) {
  const out = {}
  for (const [k, v] of new URLSearchParams(body)) setDeep(out, k.replace(/\]/g, '').split('['), v)
  return out
}
const rid = () => crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')

/** A succeeded charge for a confirmed PaymentIntent: what processPaymentIntentStatusUpdated reads. */
function chargeFor(intent) {
  const method = store.get(intent.payment_method) ?? {}
  const charge = {
    id: `ch_${rid()}`,
    object: 'charge',
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    amount: Number(intent.amount ?? 0),
    amount_captured: Number(intent.amount ?? 0),
    currency: intent.currency ?? 'usd',
    status: 'succeeded',
    paid: true,
    captured: true,
    refunded: false,
    amount_refunded: 0,
    customer: intent.customer ?? null,
    payment_intent: intent.id,
    payment_method: intent.payment_method ?? null,
    payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', ...(method.card ?? {}) } },
    billing_details: method.billing_details ?? { address: { country: 'US' } },
    failure_code: null,
    failure_message: null,
    receipt_url: null,
    metadata: intent.metadata ?? {},
  }
  store.set(charge.id, charge)
  return charge
}

const server = http.createServer(async (req, res) => {
  let body = ''
  for await (const chunk of req) body += chunk
  const url = new URL(req.url, 'http://x')
  const parts = url.pathname.split('/').filter(Boolean)
  const params = parseForm(body)
  const send = (status, obj) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_stub' })
    res.end(JSON.stringify(obj))
  }
  console.log(req.method, url.pathname, JSON.stringify(params).slice(0, 300))
  if (parts[0] !== 'v1') return send(404, { error: { message: 'not found' } })
  if (parts[1] === 'balance')
    return send(200, { object: 'balance', available: [], pending: [], livemode: false })
  const resource = parts[1] === 'checkout' ? 'checkout_sessions' : parts[1]
  const idPart = parts[1] === 'checkout' ? parts[3] : parts[2]
  const action = parts[1] === 'checkout' ? parts[4] : parts[3]
  const [prefix, objectName] = PREFIX[resource] || [
    resource.replace(/s$/, '').slice(0, 4),
    resource.replace(/s$/, ''),
  ]
  if (req.method === 'POST' && !idPart) {
    const id = `${prefix}_${rid()}`
    const obj = {
      id,
      object: objectName,
      livemode: false,
      created: Math.floor(Date.now() / 1000),
      metadata: {},
      ...params,
    }
    if (resource === 'payment_intents') {
      Object.assign(obj, {
        client_secret: `${id}_secret_${rid()}`,
        status: 'requires_payment_method',
        amount: Number(params.amount ?? 0),
        latest_charge: null,
      })
      if (params.confirm === 'true') {
        obj.status = 'succeeded'
        obj.latest_charge = chargeFor(obj).id
      }
    }
    if (resource === 'setup_intents')
      Object.assign(obj, { client_secret: `${id}_secret_${rid()}`, status: 'requires_payment_method' })
    if (resource === 'ephemeral_keys' || resource === 'customer_sessions') obj.secret = `ek_test_${rid()}`
    store.set(id, obj)
    return send(200, obj)
  }
  if (idPart) {
    const obj = store.get(idPart)
    if (!obj) {
      return send(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such ${objectName}: '${idPart}'`,
        },
      })
    }
    if (req.method === 'POST' && action === 'cancel') obj.status = 'canceled'
    else if (req.method === 'POST' && action === 'confirm') {
      Object.assign(obj, params, { status: 'succeeded' })
      if (obj.object === 'payment_intent' && !obj.latest_charge) obj.latest_charge = chargeFor(obj).id
    } else if (req.method === 'POST') Object.assign(obj, params)
    else if (req.method === 'DELETE') {
      store.delete(idPart)
      return send(200, { id: idPart, object: objectName, deleted: true })
    }
    return send(200, obj)
  }
  if (req.method === 'GET') {
    const data = [...store.values()].filter((o) => o.object === objectName)
    return send(200, { object: 'list', data, has_more: false, url: url.pathname })
  }
  return send(400, { error: { type: 'invalid_request_error', message: 'unsupported by stub' } })
})
server.listen(12111, '127.0.0.1', () =>
  console.log(`stripe stand-in on 127.0.0.1:12111 (${store.size} objects)`),
)
