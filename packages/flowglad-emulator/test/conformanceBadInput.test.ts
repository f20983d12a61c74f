import { APIError } from '@flowglad/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConformanceRig, createConformanceRig, describeMismatches } from './support/conformanceClient'
import { conformanceFlow } from './support/conformanceFlow'
import {
  getOpenApiDocument,
  matchOperation,
  requestSchemaFor,
  resolvePointer,
  type SchemaObject,
  validateRequest,
} from './support/openapi'
import { sampleFromSchema } from './support/openapiSample'

/**
 * Off-spec request bodies, derived from the spec's own request schemas, sent through
 * `@flowglad/node` to every write the emulator serves: each must be a 400 BAD_REQUEST (with a
 * spec-conformant error body), never a 2xx, 404 or 500, and must leave the state untouched.
 */

const isObject = (v: unknown): v is SchemaObject => typeof v === 'object' && v !== null && !Array.isArray(v)
const deref = (s: unknown): SchemaObject | undefined => {
  let node = s
  while (isObject(node) && typeof node.$ref === 'string')
    node = resolvePointer(getOpenApiDocument(), node.$ref)
  return isObject(node) ? node : undefined
}

/** A value of a type the schema does not allow, for the first type it names. */
function wrongValueFor(schema: SchemaObject | undefined): unknown {
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type
  const byType: Record<string, unknown> = {
    object: 'not-an-object',
    array: 'not-an-array',
    string: 12345,
    integer: 'not-a-number',
    number: 'not-a-number',
    boolean: 'not-a-boolean',
  }
  return byType[String(type)] ?? { unexpected: true }
}

/**
 * Variants of a valid body that break the spec: `{}`, each declared top-level property mistyped,
 * each required one missing, and the same one level down inside a required wrapper object
 * (`usageEvent`, `customer`, ...). Variants the spec happens to allow are dropped by the caller.
 */
function malformedVariants(schema: SchemaObject): { label: string; body: unknown }[] {
  const valid = sampleFromSchema(schema, getOpenApiDocument()) as Record<string, unknown>
  const variants: { label: string; body: unknown }[] = [{ label: '{}', body: {} }]
  const root = deref(schema)
  const properties = (root?.properties ?? {}) as Record<string, unknown>
  const required = new Set((root?.required as string[] | undefined) ?? [])
  for (const [key, raw] of Object.entries(properties)) {
    const property = deref(raw)
    variants.push({ label: `${key} mistyped`, body: { ...valid, [key]: wrongValueFor(property) } })
    if (!required.has(key)) continue
    const { [key]: _dropped, ...without } = valid
    variants.push({ label: `without ${key}`, body: without })
    const inner = valid[key]
    if (!isObject(inner) || !Array.isArray(property?.required)) continue
    const innerProperties = (property.properties ?? {}) as Record<string, unknown>
    for (const innerKey of property.required as string[]) {
      const { [innerKey]: _gone, ...innerWithout } = inner
      variants.push({ label: `without ${key}.${innerKey}`, body: { ...valid, [key]: innerWithout } })
      variants.push({
        label: `${key}.${innerKey} mistyped`,
        body: { ...valid, [key]: { ...inner, [innerKey]: wrongValueFor(deref(innerProperties[innerKey])) } },
      })
    }
  }
  return variants
}

let rig: ConformanceRig
const ids = { subscription: '' }

beforeAll(async () => {
  rig = await createConformanceRig()
  const flow = conformanceFlow(rig)
  await flow.signUp()
  await flow.checkout('user_1', 'pro_monthly')
  ids.subscription = (await flow.currentSubscription()).id
})

afterAll(async () => {
  await rig.close()
  expect(describeMismatches(rig.fetch.exchanges)).toEqual([])
})

const stateNow = async () => {
  const response = await rig.emulator.handle(
    new Request(`${rig.emulator.url}/_emulator/state`, { headers: { authorization: rig.emulator.apiKey } }),
  )
  const { data } = (await response.json()) as { data: unknown }
  return JSON.stringify(data)
}

const WRITES = [
  ['POST', '/api/v1/customers'],
  ['PUT', '/api/v1/customers/user_1'],
  ['POST', '/api/v1/checkout-sessions'],
  ['POST', '/api/v1/subscriptions'],
  ['POST', '/api/v1/subscriptions/{sub}/cancel'],
  ['POST', '/api/v1/subscriptions/{sub}/adjust'],
  ['POST', '/api/v1/usage-events'],
  ['POST', '/api/v1/usage-events/bulk'],
  ['POST', '/api/v1/resource-claims/{sub}/claim'],
  ['POST', '/api/v1/resource-claims/{sub}/release'],
] as const

describe.each(WRITES)('%s %s', (method, template) => {
  it('answers 400 to every off-spec body and changes nothing', async () => {
    const path = template.replace('{sub}', ids.subscription)
    const matched = matchOperation(method, path)
    const schema = matched && requestSchemaFor(matched).schema
    if (!schema) throw new Error(`the spec has no request schema for ${method} ${template}`)
    // Only bodies the spec itself rejects; at least a few per operation, so the case is never vacuous.
    const offSpec = malformedVariants(schema).filter(
      ({ body }) => !validateRequest({ method, path, body }).ok,
    )
    expect(offSpec.length).toBeGreaterThan(2)
    const before = await stateNow()
    const outcomes: string[] = []
    for (const { label, body } of [...offSpec, { label: 'a bare JSON string', body: 'not an object' }]) {
      const call = method === 'PUT' ? rig.client.put(path, { body }) : rig.client.post(path, { body })
      const status = await call.then(
        () => 200,
        (error: unknown) => (error instanceof APIError ? error.status : 'network error'),
      )
      if (status !== 400) outcomes.push(`${label}: ${status}`)
    }
    expect(outcomes).toEqual([])
    expect(await stateNow()).toBe(before)
  })
})
