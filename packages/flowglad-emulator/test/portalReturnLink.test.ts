import { afterEach, describe, expect, it } from 'vitest'
import { createRig, type EmulatorRig, signUp, URLS } from './support/emulatorRig'

// An emulator convenience, not a Flowglad behaviour: `?return_url=` adds a link back to the app,
// only to an origin the emulator was given (appOrigins) or one the customer's checkouts return to.
let rig: EmulatorRig
afterEach(() => rig.close())

async function portalHtml(returnUrl: string | null): Promise<string> {
  const { billingPortalUrl } = await rig.client.customers.retrieveBilling('user_1')
  const url = new URL(billingPortalUrl)
  if (returnUrl !== null) url.searchParams.set('return_url', returnUrl)
  return (await fetch(url)).text()
}

describe('billing portal return link', () => {
  it('links back to a return_url on a given app origin', async () => {
    rig = await createRig({ listen: true, appOrigins: ['http://127.0.0.1:3000'] })
    await signUp(rig.client)
    const html = await portalHtml('http://127.0.0.1:3000/dashboard?from=portal&x=<y>')
    expect(html).toContain(
      '<a href="http://127.0.0.1:3000/dashboard?from=portal&amp;x=%3Cy%3E" data-testid="return-to-app">',
    )
  })

  it("links back to the origin of the customer's own checkout successUrl", async () => {
    rig = await createRig({ listen: true })
    await signUp(rig.client)
    await rig.client.checkoutSessions.create({
      checkoutSession: { type: 'product', customerExternalId: 'user_1', priceSlug: 'pro_monthly', ...URLS },
    })
    expect(await portalHtml('https://app.example/account')).toContain(
      '<a href="https://app.example/account" data-testid="return-to-app">',
    )
  })

  it('shows, and never links, any other address', async () => {
    rig = await createRig({ listen: true, appOrigins: ['http://127.0.0.1:3000'] })
    await signUp(rig.client)
    expect(await portalHtml(null)).not.toContain('return-to-app')
    for (const bad of ['javascript:alert(1)', '/dashboard', 'data:text/html,hi', 'https://evil.example/x']) {
      const html = await portalHtml(bad)
      expect(html).not.toContain('return-to-app')
      expect(html).toContain('data-testid="return-not-followed"')
      expect(html).not.toContain(`href="${bad}`)
    }
  })
})
