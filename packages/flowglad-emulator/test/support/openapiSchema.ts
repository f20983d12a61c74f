/** A JSON Schema / OpenAPI schema object, as read from the spec. */
export type SchemaObject = { [keyword: string]: unknown }

/** The parts of an OpenAPI 3.x document the validator reads. */
export interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, OperationObject | unknown>>
  components?: { schemas?: Record<string, SchemaObject>; responses?: Record<string, ResponseObject> }
}

/** One operation of the spec (only what response validation needs). */
export interface OperationObject {
  operationId?: string
  requestBody?: RequestBodyObject
  responses?: Record<string, ResponseObject>
}

/** A request body entry: inline content or a `$ref` to `components/requestBodies`. */
export interface RequestBodyObject {
  $ref?: string
  required?: boolean
  content?: Record<string, { schema?: SchemaObject }>
}

/** A response entry: either inline content or a `$ref` to `components/responses`. */
export interface ResponseObject {
  $ref?: string
  content?: Record<string, { schema?: SchemaObject }>
}

/** `$id` under which the spec's component schemas are registered with ajv (as `$defs`). */
export const SPEC_ID = 'https://flowglad.local/openapi.json'
/** OpenAPI-only annotations that JSON Schema does not know; dropped so ajv can stay strict about the rest. */
const OPENAPI_ANNOTATIONS = ['example', 'xml', 'externalDocs'] as const
/** Keywords whose value is a subschema, a list of subschemas, or a name -> subschema map. */
const SUBSCHEMA_KEYWORDS = {
  single: ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'propertyNames', 'contains'],
  list: ['allOf', 'anyOf', 'oneOf', 'prefixItems'],
  map: ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'],
} as const

/** A plain (non-array, non-null) object. */
export const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Reads `#/a/b` (RFC 6901) out of a document. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`Only local $refs are supported, got '${ref}'`)
  const tokens = ref.slice(1).split('/').filter(Boolean)
  let node = document
  for (const raw of tokens) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~')
    if (!isObject(node) && !Array.isArray(node)) throw new Error(`Unresolvable $ref '${ref}'`)
    node = (node as Record<string, unknown>)[token]
  }
  if (node === undefined) throw new Error(`Unresolvable $ref '${ref}'`)
  return node
}

/** Points a spec-local `#/components/schemas/X` at the schema registered with ajv. */
function rewriteRef(ref: string): string {
  const prefix = '#/components/schemas/'
  if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref '${ref}' (only component schemas)`)
  return `${SPEC_ID}#/$defs/${ref.slice(prefix.length)}`
}

/**
 * Turns an OpenAPI 3.0/3.1 schema into plain JSON Schema 2020-12: `nullable`, boolean
 * `exclusiveMinimum`/`exclusiveMaximum`, `discriminator` and the OAS annotations. Walks schema
 * positions only, so a property that happens to be called `nullable` or an `example` value is untouched.
 */
export function toJsonSchema(schema: unknown, document: OpenApiDocument): unknown {
  if (typeof schema === 'boolean') return schema
  if (!isObject(schema)) throw new Error(`Not a schema: ${JSON.stringify(schema)}`)
  const out: SchemaObject = {}
  for (const [keyword, value] of Object.entries(schema)) {
    if ((OPENAPI_ANNOTATIONS as readonly string[]).includes(keyword)) continue
    if (keyword === '$ref' && typeof value === 'string') out.$ref = rewriteRef(value)
    else if ((SUBSCHEMA_KEYWORDS.single as readonly string[]).includes(keyword))
      out[keyword] = toJsonSchema(value, document)
    else if ((SUBSCHEMA_KEYWORDS.list as readonly string[]).includes(keyword) && Array.isArray(value))
      out[keyword] = value.map((item) => toJsonSchema(item, document))
    else if ((SUBSCHEMA_KEYWORDS.map as readonly string[]).includes(keyword) && isObject(value))
      out[keyword] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, document)]))
    else out[keyword] = value
  }
  fixExclusiveBounds(out)
  const withDiscriminator = applyDiscriminator(out, schema, document)
  return applyNullable(withDiscriminator)
}

/** OpenAPI 3.0 `exclusiveMinimum: true` + `minimum: n` is 2020-12's `exclusiveMinimum: n`. */
function fixExclusiveBounds(schema: SchemaObject): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[flag] !== 'boolean') continue
    if (schema[flag] === true) schema[flag] = schema[bound]
    else delete schema[flag]
    if (schema[flag] !== undefined) delete schema[bound]
  }
}

/** OpenAPI 3.0 `nullable: true` becomes a `null` type (or a `null` branch when there is no `type`). */
function applyNullable(schema: SchemaObject): SchemaObject {
  if (!('nullable' in schema)) return schema
  const { nullable, ...rest } = schema
  if (nullable !== true) return rest
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null]
  if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] }
  if (Array.isArray(rest.type)) return { ...rest, type: [...new Set([...rest.type, 'null'])] }
  return { anyOf: [rest, { type: 'null' }] }
}

/**
 * A `oneOf` with a `discriminator.mapping` becomes one `if`/`then` per mapped value, so a wrong body
 * is reported against the branch its discriminator names instead of against every branch.
 * The `if` uses the branch's own `const` for the property when it has one: Flowglad discriminates
 * on a boolean (`renews`) while mapping keys are always strings.
 */
function applyDiscriminator(
  out: SchemaObject,
  original: SchemaObject,
  document: OpenApiDocument,
): SchemaObject {
  const discriminator = out.discriminator
  if (discriminator === undefined) return out
  const { discriminator: _dropped, ...rest } = out
  if (!isObject(discriminator) || typeof discriminator.propertyName !== 'string') return rest
  const property = discriminator.propertyName
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : undefined
  const branches = Array.isArray(original.oneOf) ? original.oneOf : []
  const branchRefs = branches.map((branch) => (isObject(branch) ? branch.$ref : undefined))
  const mapped = mapping ? Object.entries(mapping) : []
  const coversOneOf =
    mapped.length === branches.length &&
    mapped.every(([, ref]) => typeof ref === 'string' && branchRefs.includes(ref))
  if (!coversOneOf) return rest // keep the plain oneOf: still correct, only noisier on failure

  const cases = mapped.map(([value, ref]) => {
    const target = resolvePointer(document, ref as string)
    const own = isObject(target) && isObject(target.properties) ? target.properties[property] : undefined
    const condition =
      isObject(own) && 'const' in own
        ? { const: own.const }
        : isObject(own) && Array.isArray(own.enum)
          ? { enum: own.enum }
          : { const: value }
    return { condition, ref: rewriteRef(ref as string) }
  })
  const { oneOf: _oneOf, allOf, ...base } = rest
  return {
    ...base,
    allOf: [
      ...(Array.isArray(allOf) ? allOf : []),
      { required: [property], properties: { [property]: { anyOf: cases.map((c) => c.condition) } } },
      ...cases.map((c) => ({
        if: { required: [property], properties: { [property]: c.condition } },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
        then: { $ref: c.ref },
      })),
    ],
  }
}
