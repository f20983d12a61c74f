import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRig, type EmulatorRig, signUp } from './support/emulatorRig'

// An emulator convenience, not a Flowglad behaviour: `?return_url=` adds a link back to the app.
let rig: EmulatorRig
beforeEach(async () => {
  rig = await createRig({ listen: true })
})
afterEach(() => rig.close())

async function portalHtml(query: string): Promise<string> {
  await signUp(rig.client)
  const { billingPortalUrl } = await rig.client.customers.retrieveBilling('user_1')
  return (await fetch(`${billingPortalUrl}${query}`)).text()
}

describe('billing portal return link', () => {
  it('links back to the http(s) URL given as return_url', async () => {
    const back = 'http://127.0.0.1:3000/dashboard?from=portal&x=<y>'
    const html = await portalHtml(`?return_url=${encodeURIComponent(back)}`)
    expect(html).toContain(
      '<a href="http://127.0.0.1:3000/dashboard?from=portal&amp;x=%3Cy%3E" data-testid="return-to-app">',
    )
  })

  it('shows no link without return_url, or when it is not an http(s) URL', async () => {
    expect(await portalHtml('')).not.toContain('return-to-app')
    for (const bad of ['javascript:alert(1)', '/dashboard', 'data:text/html,hi']) {
      const html = await fetch(
        `${(await rig.client.customers.retrieveBilling('user_1')).billingPortalUrl}?return_url=${encodeURIComponent(bad)}`,
      ).then((response) => response.text())
      expect(html).not.toContain('return-to-app')
    }
  })
})
