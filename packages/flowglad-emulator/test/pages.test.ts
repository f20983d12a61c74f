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
    expect(html).toMatch(/<form method="post" action="[^"]+\/pay">/)
    expect(html).toMatch(/<form method="post" action="[^"]+\/cancel">/)
  })

  it('Pay completes the session and redirects (303) to successUrl', async () => {
    await signUp(rig.client)
    const { url, id } = await openCheckout()
    const response = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(URLS.successUrl)
    expect((await rig.client.checkoutSessions.retrieve(id)).checkoutSession.status).toBe('succeeded')
    expect((await current(rig.client)).name).toBe('Pro')
    // The page now reports the outcome instead of offering to pay again.
    expect(await (await fetch(url)).text()).toContain('succeeded')
  })

  it('Cancel redirects to cancelUrl and changes nothing', async () => {
    await signUp(rig.client)
    const { url, id } = await openCheckout()
    const response = await fetch(`${url}/cancel`, { method: 'POST', redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(URLS.cancelUrl)
    expect((await rig.client.checkoutSessions.retrieve(id)).checkoutSession.status).toBe('open')
    expect((await current(rig.client)).name).toBe('Free')
  })

  it('an unknown session is a 404 page', async () => {
    const response = await fetch(`${rig.emulator.url}/checkout/chckt_session_nope`)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('not found')
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
