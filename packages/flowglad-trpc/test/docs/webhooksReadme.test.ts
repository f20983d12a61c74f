import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { payloadFor, SECRET, signedRequest } from '../webhooks/deliveries'
import { extractSnippets } from './compileDocSnippets'

// The README's Webhooks route, run as written: its block is copied to a temp folder with the two
// imports pointed at this package's source and at an app `flowglad` on an in-process emulator,
// then fed signed deliveries.

const packageRoot = join(import.meta.dirname, '../..')
const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'flowglad-webhooks-readme-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function routeFromReadme(): string {
  const start = readme.indexOf('## Webhooks')
  const block = extractSnippets({ path: 'README.md', text: readme.slice(start) })[0]
  if (!block?.code.includes('createFlowgladWebhookHandler'))
    throw new Error('README: no Webhooks route block')
  return block.code
    .replace("'flowglad-trpc/webhooks'", JSON.stringify(join(packageRoot, 'src/webhooks/index.ts')))
    .replace("'./flowglad'", JSON.stringify(join(dir, 'flowglad.ts')))
}

describe('README, Webhooks', { timeout: 60_000 }, () => {
  it('the route in the README verifies, runs each handler once and refuses forgeries', async () => {
    writeFileSync(
      join(dir, 'flowglad.ts'),
      `import { createEmulator } from ${JSON.stringify(join(packageRoot, '../flowglad-emulator/src/index.ts'))}
import { createFlowglad } from ${JSON.stringify(join(packageRoot, 'src/server/index.ts'))}
const emulator = await createEmulator({ listen: false })
export const flowglad = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch })
`,
    )
    writeFileSync(join(dir, 'route.ts'), routeFromReadme())
    process.env.FLOWGLAD_WEBHOOK_SECRET = SECRET
    const route = (await import(join(dir, 'route.ts'))) as {
      POST: (request: Request) => Promise<Response>
      activity: string[]
    }
    const purchase = payloadFor('purchase.completed', 'ada')
    const delivery = () =>
      signedRequest('purchase.completed', { id: 'msg_readme', body: JSON.stringify(purchase) })
    expect((await route.POST(delivery())).status).toBe(200)
    expect((await route.POST(delivery())).status).toBe(200)
    expect(route.activity).toEqual([`ada bought ${purchase.id}`])

    const canceled = payloadFor('subscription.canceled', 'ada')
    expect(
      (await route.POST(signedRequest('subscription.canceled', { body: JSON.stringify(canceled) }))).status,
    ).toBe(200)
    expect(route.activity[0]).toBe(`ada canceled ${canceled.id}`)

    const forged = signedRequest('payment.failed', { secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD' })
    expect((await route.POST(forged)).status).toBe(401)
    expect(route.activity).toHaveLength(2)
  })
})
