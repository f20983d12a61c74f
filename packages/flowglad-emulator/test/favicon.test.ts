import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index'

// Browsers ask every origin for an icon; a 404 is a console error on each hosted page.
let emulator: Emulator
beforeAll(async () => {
  emulator = await createEmulator({ listen: false })
})
afterAll(() => emulator.close())

describe('favicon', () => {
  it('hosted pages link an inline icon, so the browser needs no request for it', async () => {
    const html = await (await emulator.fetch(`${emulator.url}/`)).text()
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,[^"]+">/)
  })

  it('/favicon.ico answers with the SVG icon rather than 404', async () => {
    const response = await emulator.fetch(`${emulator.url}/favicon.ico`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/svg+xml')
    expect(await response.text()).toMatch(/^<svg /)
  })
})
