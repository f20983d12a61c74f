import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRig, current, type EmulatorRig, signUp, URLS } from './support/emulatorRig'

let rig: EmulatorRig
beforeEach(async () => {
  rig = await createRig({ listen: true })
})
afterEach(() => rig.close())

async function openCheckout(priceSlug = 'pro_monthly') {
  const { url, checkoutSession } = await rig.client.checkoutSessions.create({
    checkoutSession: { type: 'product', customerExternalId: 'user_1', priceSlug, ...URLS },
  })
  return { url, id: checkoutSession.id }
}

describe('hosted checkout page', () => {
  it('shows what is bought and its price, with Pay and Cancel forms', async () => {
    await signUp(rig.client)
    const { url } = await openCheckout()
    expect(url.startsWith(`${rig.emulator.url}/checkout/`)).toBe(true)
    const response = await fetch(url)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    const html = await response.text()
    expect(html).toContain('Pro')
    expect(html).toContain('$20.00')
    expect(html).toContain('Advanced Analytics')
    expect(html).toMatch(/<form method="post" action="[^"]+\/pay"[^>]*>/)
    expect(html).toMatch(/<form method="post" action="[^"]+\/cancel">/)
  })

  it('Pay completes the session and redirects (303) to successUrl', async () => {
    await signUp(rig.client)
    const { url, id } = await openCheckout()
    const response = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(URLS.successUrl)
    expect((await rig.client.checkoutSessions.retrieve(id)).checkoutSession.status).toBe('succeeded')
    expect((await current(rig.client)).name).toBe('Pro - Pro (Monthly)')
    // The page now reports the outcome instead of offering to pay again.
    expect(await (await fetch(url)).text()).toContain('This checkout is complete')
  })

  it('Cancel redirects to cancelUrl and changes nothing', async () => {
    await signUp(rig.client)
    const { url, id } = await openCheckout()
    const response = await fetch(`${url}/cancel`, { method: 'POST', redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(URLS.cancelUrl)
    expect((await rig.client.checkoutSessions.retrieve(id)).checkoutSession.status).toBe('open')
    expect((await current(rig.client)).name).toBe('Free Subscription')
  })

  it('an unknown session is a 404 page', async () => {
    const response = await fetch(`${rig.emulator.url}/checkout/chckt_session_nope`)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('not found')
  })
})

describe('anonymous checkout', () => {
  const openAnonymous = (priceSlug: string) =>
    rig.client.checkoutSessions.create({
      checkoutSession: { type: 'product', anonymous: true, priceSlug, ...URLS },
    })

  it('opens without a customer; the page asks who pays and Pay makes them a customer on the plan', async () => {
    const { url, checkoutSession } = await openAnonymous('pro_monthly')
    expect(checkoutSession).toMatchObject({ customerId: null, customerEmail: null, status: 'open' })
    const html = await (await fetch(url)).text()
    expect(html).toMatch(/<input form="pay" name="email"/)

    const response = await fetch(`${url}/pay`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'buyer@example.com', name: 'Bea Buyer' }),
      redirect: 'manual',
    })
    expect(response.status).toBe(303)
    const paid = (await rig.client.checkoutSessions.retrieve(checkoutSession.id)).checkoutSession
    expect(paid).toMatchObject({
      status: 'succeeded',
      customerEmail: 'buyer@example.com',
      customerName: 'Bea Buyer',
    })
    const state = (await (
      await fetch(`${rig.emulator.url}/_emulator/state`, { headers: { authorization: rig.emulator.apiKey } })
    ).json()) as {
      data: { customers: Array<{ id: string; externalId: string; email: string }> }
    }
    const buyer = state.data.customers.find((c) => c.id === paid.customerId)
    expect(buyer?.email).toBe('buyer@example.com')
    expect((await current(rig.client, buyer?.externalId)).name).toBe('Pro - Pro (Monthly)')
  })

  it('completed by the control API, the buyer gets a placeholder email and the top-up credits', async () => {
    const { checkoutSession } = await openAnonymous('credit_top_up_once')
    rig.emulator.control.completeCheckoutSession(checkoutSession.id)
    const paid = (await rig.client.checkoutSessions.retrieve(checkoutSession.id)).checkoutSession
    expect(paid.customerEmail).toBe(`buyer+${checkoutSession.id}@example.com`)
    const state = (await (
      await fetch(`${rig.emulator.url}/_emulator/state`, { headers: { authorization: rig.emulator.apiKey } })
    ).json()) as {
      data: { customers: Array<{ id: string; externalId: string }> }
    }
    const externalId = state.data.customers.find((c) => c.id === paid.customerId)?.externalId
    const billing = await rig.client.customers.retrieveBilling(externalId ?? '')
    const balance = billing.currentSubscription?.experimental?.usageMeterBalances[0]?.availableBalance
    expect(balance).toBe(600) // the free plan's 100 plus the top-up's 500
  })
})

describe('billing portal page', () => {
  it('lists the plan, invoices and payment methods, escaping customer data', async () => {
    await rig.client.customers.create({
      customer: { externalId: 'user_1', email: 'x@example.com', name: '<script>alert(1)</script>' },
    })
    const { url } = await openCheckout()
    await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' })
    const billing = await rig.client.customers.retrieveBilling('user_1')
    const html = await (await fetch(billing.billingPortalUrl)).text()
    expect(html).toContain('Pro')
    expect(html).toContain(billing.invoices[0]?.invoice.invoiceNumber as string)
    expect(html).toContain('4242')
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;')
  })
})

describe('index page', () => {
  it('names the pricing model and its products at the base URL', async () => {
    const html = await (await fetch(`${rig.emulator.url}/`)).text()
    expect(html).toContain('Flowglad Emulator Default')
    expect(html).toContain('<code>credit_top_up</code>')
  })
})
