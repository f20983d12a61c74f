import type { ConformanceTarget } from './conformanceTarget'

/**
 * Pays a checkout session on either conformance target, as a buyer would.
 *
 * - Emulator: its control route (`POST /_emulator/checkout-sessions/{id}/complete`).
 * - Oracle (Flowglad's own server, run offline): what Flowglad's hosted page, Stripe and Stripe's
 *   webhook do, in order. The page's public tRPC calls (`setPaymentMethodType`,
 *   `setBillingAddress`, `confirm`); a card on the Stripe stand-in and the intent confirmed there;
 *   then the Trigger.dev task the webhook would enqueue (`setup-intent-succeeded` or
 *   `stripe-payment-intent-succeeded`), run by the local task runner; for a subscription, the
 *   hourly billing cron (`attempt-billing-runs`) that charges its first period. Needs
 *   `scripts/oracle/task-runner.sh start` (mocks on 9001–9006, Stripe stand-in on 12111).
 *
 * `replay: true` sends the same Stripe event to the task again without Trigger's idempotency
 * key, as a redelivered webhook racing the first would: the money paths must not pay twice.
 */
export async function completeCheckout(
  target: ConformanceTarget,
  checkoutSessionId: string,
  options: { replay?: boolean } = {},
): Promise<void> {
  if (target.kind === 'emulator') {
    const response = await target.fetch(
      `${target.baseURL}/_emulator/checkout-sessions/${encodeURIComponent(checkoutSessionId)}/complete`,
      // The control API needs the emulator's key and a JSON body.
      {
        method: 'POST',
        body: '{}',
        headers: { authorization: target.apiKey, 'content-type': 'application/json' },
      },
    )
    if (!options.replay && !response.ok)
      throw new Error(`completing ${checkoutSessionId}: ${response.status}`)
    return
  }
  const intents = await oracleIntents(checkoutSessionId)
  if (!options.replay) {
    await payOnOracle(target.baseURL, checkoutSessionId, intents)
    return
  }
  // A replay may be refused (the task fails); what matters is that nothing is paid twice.
  for (const intent of intents) await runStripeEvent(intent, `replay_${Date.now()}`, true)
}

const STRIPE = 'http://127.0.0.1:12111'
const TRIGGER = 'http://127.0.0.1:9003'
type StripeObject = { id: string; object: string; customer?: string; metadata?: Record<string, string> }

async function stripe(method: string, path: string, form?: Record<string, string>): Promise<StripeObject> {
  const response = await fetch(`${STRIPE}${path}`, {
    method,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  })
  if (!response.ok) throw new Error(`Stripe stand-in ${method} ${path}: ${response.status}`)
  return (await response.json()) as StripeObject
}

async function publicTrpc(baseURL: string, procedure: string, input: unknown): Promise<void> {
  const response = await fetch(`${baseURL}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: input }),
  })
  if (!response.ok)
    throw new Error(`${procedure}: ${response.status} ${(await response.text()).slice(0, 300)}`)
}

/** The setup or payment intents Flowglad created on the stand-in for this session. */
async function oracleIntents(checkoutSessionId: string): Promise<StripeObject[]> {
  const lists = await Promise.all(
    ['setup_intents', 'payment_intents'].map(
      async (kind) => ((await stripe('GET', `/v1/${kind}`)) as unknown as { data: StripeObject[] }).data,
    ),
  )
  return lists.flat().filter((intent) => intent.metadata?.checkoutSessionId === checkoutSessionId)
}

async function payOnOracle(baseURL: string, id: string, created: StripeObject[]): Promise<void> {
  const runner = await fetch(`${TRIGGER}/runs`).catch(() => undefined)
  if (!runner?.ok) throw new Error('the oracle needs its task runner: scripts/oracle/task-runner.sh start')
  await publicTrpc(baseURL, 'checkoutSessions.public.setPaymentMethodType', { id, paymentMethodType: 'card' })
  await publicTrpc(baseURL, 'checkoutSessions.public.setBillingAddress', {
    id,
    billingAddress: {
      name: 'Conformance Buyer',
      address: {
        line1: '1 Main St',
        city: 'San Francisco',
        state: 'CA',
        postal_code: '94105',
        country: 'US',
      },
    },
  })
  await publicTrpc(baseURL, 'checkoutSessions.public.confirm', { id })
  const intents = created.length > 0 ? created : await oracleIntents(id)
  const intent = intents[0]
  if (!intent) throw new Error(`no Stripe intent for checkout session ${id}`)
  const card = await stripe('POST', '/v1/payment_methods', {
    type: 'card',
    'card[brand]': 'visa',
    'card[last4]': '4242',
    'card[exp_month]': '12',
    'card[exp_year]': '2034',
    'card[country]': 'US',
    customer: intent.customer ?? '',
    'billing_details[name]': 'Conformance Buyer',
    'billing_details[address][country]': 'US',
  })
  const path = intent.object === 'setup_intent' ? 'setup_intents' : 'payment_intents'
  await stripe('POST', `/v1/${path}/${intent.id}/confirm`, { payment_method: card.id })
  await runStripeEvent(intent, intent.id)
  if (intent.object === 'setup_intent') {
    await runTask('attempt-billing-runs', { timestamp: new Date().toISOString() })
  }
}

/** What Stripe's webhook hands Flowglad's route, which enqueues the matching task. */
async function runStripeEvent(intent: StripeObject, idempotencyKey: string, mayFail = false): Promise<void> {
  const path = intent.object === 'setup_intent' ? 'setup_intents' : 'payment_intents'
  const current = await stripe('GET', `/v1/${path}/${intent.id}`)
  const setup = intent.object === 'setup_intent'
  const event = {
    id: `evt_${intent.id}`,
    object: 'event',
    type: setup ? 'setup_intent.succeeded' : 'payment_intent.succeeded',
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: { object: current },
  }
  await runTask(
    setup ? 'setup-intent-succeeded' : 'stripe-payment-intent-succeeded',
    event,
    idempotencyKey,
    mayFail,
  )
}

async function runTask(
  task: string,
  payload: unknown,
  idempotencyKey?: string,
  mayFail = false,
): Promise<void> {
  const response = await fetch(`${TRIGGER}/api/v1/tasks/${task}/trigger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      payload: JSON.stringify(payload),
      options: { payloadType: 'application/json', ...(idempotencyKey ? { idempotencyKey } : {}) },
    }),
  })
  const { id } = (await response.json()) as { id: string }
  const deadline = Date.now() + 240_000
  for (;;) {
    const run = (await (await fetch(`${TRIGGER}/api/v3/runs/${id}`)).json()) as { status: string }
    if (run.status === 'COMPLETED') break
    if (run.status === 'FAILED' && mayFail) break
    if (run.status === 'FAILED')
      throw new Error(`task ${task} failed (see the oracle's logs/task-runner.log)`)
    if (Date.now() > deadline) throw new Error(`task ${task} did not finish in 240 s`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  // The tasks it triggered (billing runs, ledger commands) run on the same queue: let it drain.
  await drain()
}

async function drain(): Promise<void> {
  const deadline = Date.now() + 240_000
  while (Date.now() < deadline) {
    const runs = (await (await fetch(`${TRIGGER}/runs`)).json()) as Array<{ status: string }>
    if (runs.every((run) => run.status !== 'PENDING' && run.status !== 'EXECUTING')) return
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}
