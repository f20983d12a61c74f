import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Flowglad from '@flowglad/node'
import { describe, expect, it } from 'vitest'
import { createEmulatorCore, parsePricingModel } from '../src/core'

const SRC = new URL('../src/', import.meta.url).pathname

/** Every module reachable from `entry` through relative imports, with its bare imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const visit = (file: string) => {
    if (graph.has(file)) return
    const source = readFileSync(file, 'utf8')
    const specifiers = [...source.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map(
      (m) => m[1] as string,
    )
    graph.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    )
    for (const s of specifiers.filter((s) => s.startsWith('.'))) visit(`${resolve(dirname(file), s)}.ts`)
  }
  visit(entry)
  return graph
}

describe('flowglad-emulator/core', () => {
  it('reaches no node: built-in, so it runs on any runtime with web Request/Response', () => {
    const graph = importGraph(`${SRC}core.ts`)
    expect(graph.size).toBeGreaterThan(20)
    const nodeImports = [...graph].flatMap(([file, bare]) =>
      bare.filter((s) => s.startsWith('node:')).map((s) => `${file.slice(SRC.length)} -> ${s}`),
    )
    expect(nodeImports).toEqual([])
  })

  it('serves @flowglad/node from a pricing model given as text', async () => {
    const yaml = readFileSync(new URL('../pricing/default.yaml', import.meta.url), 'utf8')
    const core = createEmulatorCore({ catalog: parsePricingModel(yaml), apiKey: 'sk_test_core' })
    const client = new Flowglad({
      apiKey: 'sk_test_core',
      baseURL: 'http://emulator.test',
      fetch: core.fetch,
    })
    await client.customers.create({ customer: { externalId: 'edge', email: 'e@example.com', name: 'Edge' } })
    const billing = await client.customers.retrieveBilling('edge')
    expect(billing.currentSubscription?.name).toBe('Free Subscription')
    expect(core.control.requests().map((r) => r.status)).toEqual([200, 200])
  })
})
