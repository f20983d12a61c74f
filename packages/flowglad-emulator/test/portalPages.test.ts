import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PortalLinks } from '../src/pages/PortalLinks'
import { buy, createRig, current, type EmulatorRig, signUp, URLS } from './support/emulatorRig'

// Issue 16 item 6: the hosted pages over HTTP, as a Flowglad user knows them (app/checkout,
// app/billing-portal and registry/base/* in flowglad-next): seller, amounts with intervals, states in
// words, dates formatted, and a portal that cancels, keeps, adds a card and opens invoices.

let rig: EmulatorRig
beforeEach(async () => {
  rig = await createRig({ listen: true, merchantName: 'Acme <Inc>' })
})
afterEach(() => rig.close())

const portalUrl = async () => (await rig.client.customers.retrieveBilling('user_1')).billingPortalUrl

/** Posts a portal form the way the page's own form would: to its action, with its hidden fields. */
async function submit(html: string, testId: string): Promise<Response> {
  const form = new RegExp(
    `<form method="post" action="([^"]+)">((?:<input[^>]*>)*)<button type="submit" data-testid="${testId}"`,
  ).exec(html)
  if (!form) throw new Error(`no form with button ${testId}`)
  const action = (form[1] as string).replace(/&amp;/g, '&')
  const fields = new URLSearchParams()
  for (const [, name, value] of (form[2] as string).matchAll(/name="([^"]+)" value="([^"]*)"/g))
    fields.set(name as string, value as string)
  return fetch(new URL(action, rig.emulator.url), { method: 'POST', body: fields, redirect: 'manual' })
}

describe('hosted checkout page', () => {
  it('shows the seller, the product, the amount with its interval, and Flowglad button words', async () => {
    await signUp(rig.client)
    const subscription = await rig.client.checkoutSessions.create({
      checkoutSession: { type: 'product', customerExternalId: 'user_1', priceSlug: 'pro_monthly', ...URLS },
    })
    const html = await (await fetch(subscription.url)).text()
    expect(html).toContain('data-testid="merchant">Acme &lt;Inc&gt;</p>')
    expect(html).toContain('<h2 data-testid="product-name">Pro</h2>')
    expect(html).toMatch(/data-testid="price">\$20\.00<span[^>]*data-testid="interval"> per month</)
    expect(html).toContain('>Start $20.00 Subscription</button>')

    const once = await rig.client.checkoutSessions.create({
      checkoutSession: {
        type: 'product',
        customerExternalId: 'user_1',
        priceSlug: 'credit_top_up_once',
        quantity: 2,
        ...URLS,
      },
    })
    const onceHtml = await (await fetch(once.url)).text()
    expect(onceHtml).toContain('>Pay $20.00</button>')
    expect(onceHtml).toContain('(2 × $10.00)')
    expect(onceHtml).not.toContain('per month')
  })
})

describe('billing portal', () => {
  it('shows the plan in words with formatted amount, interval and dates; no cancel on the free plan', async () => {
    await signUp(rig.client)
    const free = await (await fetch(await portalUrl())).text()
    expect(free).toContain('data-testid="plan-status">Active</span>')
    expect(free).not.toContain('data-testid="cancel-subscription"')
    await buy(rig, 'pro_monthly')
    const sub = await current(rig.client)
    const html = await (await fetch(await portalUrl())).text()
    expect(html).toContain('$20.00 <span class="muted">per month</span>')
    const date = (ms: number) =>
      new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' }).format(ms)
    expect(html).toContain(
      `Current period: ${date(sub.currentBillingPeriodStart as number)} – ${date(sub.currentBillingPeriodEnd as number)}`,
    )
    expect(html).toContain(`Renews on ${date(sub.currentBillingPeriodEnd as number)}`)
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(html).not.toContain('cancellation_scheduled')
  })

  it('cancels at the end of the period, says so in words, and undoes it', async () => {
    await signUp(rig.client)
    await buy(rig, 'pro_monthly')
    const page = await (await fetch(await portalUrl())).text()
    const canceled = await submit(page, 'cancel-subscription')
    expect(canceled.status).toBe(303)
    const after = await current(rig.client)
    expect(after.status).toBe('cancellation_scheduled')
    const back = await (
      await fetch(new URL(canceled.headers.get('location') as string, rig.emulator.url))
    ).text()
    expect(back).toContain('data-testid="plan-status">Cancellation scheduled</span>')
    expect(back).toContain('Subscription will end on')
    expect(back).not.toContain('Renews on')
    expect(back).not.toContain('>cancellation_scheduled<')
    const kept = await submit(back, 'uncancel-subscription')
    expect(kept.status).toBe(303)
    expect((await current(rig.client)).status).toBe('active')
  })

  it("cancels only the signed customer's own subscriptions", async () => {
    await signUp(rig.client)
    await signUp(rig.client, 'user_2')
    await buy(rig, 'pro_monthly', 'user_2')
    const other = await current(rig.client, 'user_2')
    const signed = new URL(await portalUrl())
    const response = await fetch(new URL(`/portal/user_1/cancel${signed.search}`, rig.emulator.url), {
      method: 'POST',
      body: new URLSearchParams({ subscriptionId: other.id }),
      redirect: 'manual',
    })
    expect(response.status).toBe(404)
    expect((await current(rig.client, 'user_2')).status).toBe('active')
  })

  it('adds a payment method through a hosted checkout that returns to the portal', async () => {
    await signUp(rig.client)
    const page = await (await fetch(await portalUrl())).text()
    expect(page).toContain('No payment methods.')
    const started = await submit(page, 'add-payment-method')
    expect(started.status).toBe(303)
    const checkout = started.headers.get('location') as string
    expect(checkout).toMatch(/\/checkout\//)
    const checkoutHtml = await (await fetch(checkout)).text()
    expect(checkoutHtml).toContain('>Add Payment Method</button>')
    const paid = await fetch(`${checkout}/pay`, { method: 'POST', redirect: 'manual' })
    expect(paid.status).toBe(303)
    const portal = paid.headers.get('location') as string
    expect(new URL(portal).pathname).toBe('/portal/user_1')
    const after = await (await fetch(portal)).text()
    expect(after).toContain(
      'data-testid="payment-method"><td>Visa •••• 4242 <span class="badge">Default</span></td><td class="muted">Expires 12/34</td>',
    )
    // A second card, then make it the default: the subscription is charged to it from then on.
    const second = await submit(after, 'add-payment-method')
    await fetch(`${second.headers.get('location')}/pay`, { method: 'POST', redirect: 'manual' })
    const twoCards = await (await fetch(portal)).text()
    expect(twoCards.match(/data-testid="payment-method"/g)).toHaveLength(2)
    const made = await submit(twoCards, 'make-default')
    expect(made.status).toBe(303)
    const { paymentMethods } = await rig.client.customers.retrieveBilling('user_1')
    const defaults = paymentMethods.filter((pm) => pm.default)
    expect(defaults).toHaveLength(1)
    expect(defaults[0]?.id).toBe(paymentMethods.at(-1)?.id)
    expect((await current(rig.client)).defaultPaymentMethodId).toBe(defaults[0]?.id)
  })

  it('lists invoices with date, amount and status in words; each opens with its lines', async () => {
    await signUp(rig.client)
    await buy(rig, 'pro_monthly')
    const page = await (await fetch(await portalUrl())).text()
    const row =
      /<tr data-testid="invoice"><td><a href="([^"]+)">[^<]+<\/a><\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/.exec(
        page,
      )
    expect(row?.[3]).toBe('$20.00')
    expect(row?.[4]).toBe('Paid')
    expect(row?.[2]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/)
    const invoice = await fetch(new URL((row?.[1] ?? '').replace(/&amp;/g, '&'), rig.emulator.url))
    expect(invoice.status).toBe(200)
    const invoiceHtml = await invoice.text()
    expect(invoiceHtml).toContain('data-testid="invoice-total">$20.00<')
    expect(invoiceHtml).toContain('data-testid="invoice-status">Paid<')
    // Another customer's invoice through this customer's link is not found.
    const signed = new URL(await portalUrl())
    const foreign = await fetch(new URL(`/portal/user_1/invoices/inv_nope${signed.search}`, rig.emulator.url))
    expect(foreign.status).toBe(404)
  })
})

describe('portal links', () => {
  it('expire after an hour, and a fresh one is minted once less than half its life remains', () => {
    let now = Date.UTC(2026, 0, 1)
    const links = new PortalLinks(() => now)
    const first = new URLSearchParams(links.query('ann'))
    expect(links.refusal('ann', first)).toBeNull()
    expect(links.refusal('bob', first)).toMatch(/not valid/)
    now += 29 * 60_000
    expect(links.query('ann')).toBe(first.toString())
    now += 2 * 60_000
    const second = new URLSearchParams(links.query('ann'))
    expect(second.toString()).not.toBe(first.toString())
    now += 30 * 60_000
    expect(links.refusal('ann', first)).toMatch(/expired/)
    expect(links.refusal('ann', second)).toBeNull()
    expect(links.refusal('ann', new URLSearchParams())).toMatch(/incomplete/)
  })
})
