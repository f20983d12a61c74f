import { type OpenApiDocument, resolvePointer, type SchemaObject } from './openapi'

/** Beyond this depth only required properties are filled, so recursive schemas stay finite. */
const FULL_DEPTH = 8

const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Example strings per `format`, each valid for ajv-formats. */
const FORMAT_SAMPLES: Record<string, string> = {
  uri: 'https://example.com/sample',
  email: 'ada@example.com',
  'date-time': '2026-01-01T00:00:00.000Z',
  date: '2026-01-01',
}

/**
 * Builds a body that the given OpenAPI schema accepts, straight from the spec and independent of
 * ajv, so the validator is tested against the spec rather than against itself. Fills every declared
 * property (down to `FULL_DEPTH`), takes the first non-null branch of a union, the first `enum` value.
 */
export function sampleFromSchema(schema: unknown, document: OpenApiDocument, depth = 0): unknown {
  if (schema === true || schema === undefined) return 'sample'
  if (!isObject(schema)) throw new Error(`Not a schema: ${JSON.stringify(schema)}`)
  if (typeof schema.$ref === 'string')
    return sampleFromSchema(resolvePointer(document, schema.$ref), document, depth)
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null) ?? schema.enum[0]
  const union = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined
  if (Array.isArray(union)) {
    const branch = union.find((b) => !(isObject(b) && b.type === 'null')) ?? union[0]
    const sample = sampleFromSchema(branch, document, depth)
    return isObject(sample) && isObject(schema.properties)
      ? { ...sampleObject(schema, document, depth), ...sample }
      : sample
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign(
      isObject(schema.properties) ? sampleObject(schema, document, depth) : {},
      ...schema.allOf.map((part) => sampleFromSchema(part, document, depth)),
    )
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  const type = types.find((t) => t !== 'null') ?? types[0]
  switch (type) {
    case 'object':
      return sampleObject(schema, document, depth)
    case 'array': {
      const count = Math.max(
        typeof schema.minItems === 'number' ? schema.minItems : 0,
        depth < FULL_DEPTH ? 1 : 0,
      )
      return Array.from({ length: count }, () => sampleFromSchema(schema.items, document, depth + 1))
    }
    case 'string':
      return sampleString(schema)
    case 'integer':
    case 'number':
      return sampleNumber(schema, type === 'integer')
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return 'sample'
  }
}

function sampleObject(
  schema: SchemaObject,
  document: OpenApiDocument,
  depth: number,
): Record<string, unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {}
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : []
  const names = depth < FULL_DEPTH ? Object.keys(properties) : required
  return Object.fromEntries(
    names.map((name) => [name, sampleFromSchema(properties[name] ?? true, document, depth + 1)]),
  )
}

function sampleString(schema: SchemaObject): string {
  const fromFormat = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined
  const base = fromFormat ?? 'sample'
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY
  return base.padEnd(min, 'x').slice(0, max)
}

function sampleNumber(schema: SchemaObject, integer: boolean): number {
  const step = integer ? 1 : 0.5
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + step
  if (typeof schema.minimum === 'number') return schema.minimum
  if (typeof schema.exclusiveMaximum === 'number') return Math.min(0, schema.exclusiveMaximum - step)
  if (typeof schema.maximum === 'number') return Math.min(0, schema.maximum)
  return 0
}
