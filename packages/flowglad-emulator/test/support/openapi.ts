import { readFileSync } from 'node:fs'
import type { ErrorObject, ValidateFunction } from 'ajv'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'

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
  responses?: Record<string, ResponseObject>
}

/** A response entry: either inline content or a `$ref` to `components/responses`. */
export interface ResponseObject {
  $ref?: string
  content?: Record<string, { schema?: SchemaObject }>
}

/** The spec operation a concrete request resolves to. */
export interface MatchedOperation {
  operationId: string
  method: string
  template: string
  operation: OperationObject
}

/** A response to check: `path` is concrete (`/api/v1/customers/abc/billing`), a full URL also works. */
export interface ResponseToValidate {
  method: string
  path: string
  status: number
  body: unknown
}

/** Outcome of `validateResponse`: errors are ajv's, one line each, with the JSON pointer first. */
export type ValidationResult = { ok: true } | { ok: false; operation: string; errors: string[] }

/** Bundled copy of Flowglad's published spec (`/work/shared/flowglad/openapi.json`), so CI needs no network. */
const SPEC_URL = new URL('./flowglad-openapi.json', import.meta.url)
/** `$id` under which the spec's component schemas are registered with ajv (as `$defs`). */
const SPEC_ID = 'https://flowglad.local/openapi.json'
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const
/** OpenAPI-only annotations that JSON Schema does not know; dropped so ajv can stay strict about the rest. */
const OPENAPI_ANNOTATIONS = ['example', 'xml', 'externalDocs'] as const
/** Keywords whose value is a subschema, a list of subschemas, or a name -> subschema map. */
const SUBSCHEMA_KEYWORDS = {
  single: ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'propertyNames', 'contains'],
  list: ['allOf', 'anyOf', 'oneOf', 'prefixItems'],
  map: ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'],
} as const

const isObject = (value: unknown): value is SchemaObject =>
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

interface Route {
  method: string
  template: string
  segments: (string | null)[] // null = `{param}`
  literalCount: number
  operation: OperationObject
}

interface Validator {
  document: OpenApiDocument
  routes: Route[]
  ajv: Ajv2020
  compiled: Map<string, ValidateFunction | null>
}

let validator: Validator | undefined

/** Loads the spec and registers its component schemas once; operation schemas compile on first use. */
function getValidator(): Validator {
  if (validator) return validator
  const document = JSON.parse(readFileSync(SPEC_URL, 'utf8')) as OpenApiDocument
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true, // unknown keywords throw: an OpenAPI construct we do not translate must not be ignored
    strictTypes: false, // the spec mixes `type` with `anyOf` unions; that is valid, just not "strict"
    strictRequired: false,
    strictTuples: false,
  })
  addFormats(ajv)
  const schemas = document.components?.schemas ?? {}
  const defs = Object.fromEntries(
    Object.entries(schemas).map(([name, s]) => [name, toJsonSchema(s, document)]),
  )
  ajv.addSchema({ $id: SPEC_ID, $defs: defs })
  validator = { document, routes: buildRoutes(document), ajv, compiled: new Map() }
  return validator
}

/** The spec document (parsed once, shared with the validator). */
export function getOpenApiDocument(): OpenApiDocument {
  return getValidator().document
}

function buildRoutes(document: OpenApiDocument): Route[] {
  const routes: Route[] = []
  for (const [template, item] of Object.entries(document.paths)) {
    const segments = template
      .split('/')
      .filter(Boolean)
      .map((s) => (/^\{.+\}$/.test(s) ? null : s))
    for (const method of HTTP_METHODS) {
      const operation = item[method]
      if (!isObject(operation)) continue
      routes.push({
        method: method.toUpperCase(),
        template,
        segments,
        literalCount: segments.filter((s) => s !== null).length,
        operation: operation as OperationObject,
      })
    }
  }
  // Literal segments win over parameters: `/pricing-models/default` is not `/pricing-models/{id}`.
  return routes.sort((a, b) => b.literalCount - a.literalCount)
}

/** Strips origin, query and anything before `/api/`, so a full URL or a prefixed base URL both match. */
function toApiPath(pathOrUrl: string): string {
  const pathname = new URL(pathOrUrl, 'http://localhost').pathname
  const apiAt = pathname.indexOf('/api/')
  return apiAt === -1 ? pathname : pathname.slice(apiAt)
}

/** Finds the spec operation for a concrete method + path, or undefined when the spec has none. */
export function matchOperation(method: string, path: string): MatchedOperation | undefined {
  const concrete = toApiPath(path).split('/').filter(Boolean)
  const upper = method.toUpperCase()
  const route = getValidator().routes.find(
    (r) =>
      r.method === upper &&
      r.segments.length === concrete.length &&
      r.segments.every((s, i) => s === null || s === concrete[i]),
  )
  if (!route) return undefined
  return {
    operationId: route.operation.operationId ?? `${upper} ${route.template}`,
    method: upper,
    template: route.template,
    operation: route.operation,
  }
}

/** The raw (OpenAPI) JSON schema documented for a status, following `default` and `4XX`-style keys. */
export function responseSchemaFor(
  matched: MatchedOperation,
  status: number,
): SchemaObject | null | undefined {
  const responses = matched.operation.responses ?? {}
  let response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default
  if (response === undefined) return undefined
  if (response.$ref) response = resolvePointer(getValidator().document, response.$ref) as ResponseObject
  const json = Object.entries(response.content ?? {}).find(([type]) => /^application\/(.+\+)?json/.test(type))
  return json?.[1].schema ?? null
}

function compiledFor(matched: MatchedOperation, status: number): ValidateFunction | null | undefined {
  const { ajv, compiled, document } = getValidator()
  const key = `${matched.operationId} ${status}`
  if (compiled.has(key)) return compiled.get(key)
  const schema = responseSchemaFor(matched, status)
  if (schema === undefined) return undefined
  const validate = schema === null ? null : ajv.compile(toJsonSchema(schema, document) as SchemaObject)
  compiled.set(key, validate)
  return validate
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath || '(root)'
  const params = error.params as Record<string, unknown>
  const detail =
    'additionalProperty' in params
      ? ` '${String(params.additionalProperty)}'`
      : 'allowedValue' in params
        ? ` ${JSON.stringify(params.allowedValue)}`
        : 'allowedValues' in params
          ? ` ${JSON.stringify(params.allowedValues)}`
          : ''
  return `${where} ${error.message ?? error.keyword}${detail}`
}

/** Checks a response body against the spec's schema for that operation and status. */
export function validateResponse({ method, path, status, body }: ResponseToValidate): ValidationResult {
  const matched = matchOperation(method, path)
  if (!matched) {
    return {
      ok: false,
      operation: `${method.toUpperCase()} ${toApiPath(path)}`,
      errors: ['no operation in the spec'],
    }
  }
  const validate = compiledFor(matched, status)
  if (validate === undefined) {
    const documented = Object.keys(matched.operation.responses ?? {}).join(', ')
    return {
      ok: false,
      operation: matched.operationId,
      errors: [`status ${status} is not documented (documented: ${documented})`],
    }
  }
  if (validate === null) {
    return body === undefined || body === null || body === ''
      ? { ok: true }
      : { ok: false, operation: matched.operationId, errors: [`status ${status} documents no JSON body`] }
  }
  if (validate(body)) return { ok: true }
  const errors = [...new Set((validate.errors ?? []).map(formatError))]
  return { ok: false, operation: matched.operationId, errors }
}

/** vitest assertion: fails with the operation and every schema error listed in the diff. */
export function expectValidResponse(response: ResponseToValidate): void {
  expect(validateResponse(response), `${response.method} ${response.path} -> ${response.status}`).toEqual({
    ok: true,
  })
}

/** One response seen by `validatingFetch`, with its verdict. */
export interface ValidatedExchange {
  method: string
  path: string
  status: number
  operation: string | undefined
  result: ValidationResult
}

/** A fetch that validates every JSON API response; `exchanges` and `mismatches` keep the verdicts. */
export type ValidatingFetch = typeof globalThis.fetch & {
  readonly exchanges: readonly ValidatedExchange[]
  readonly mismatches: readonly ValidatedExchange[]
}

/**
 * Wraps a fetch so every `/api/` response is checked against the spec. It never throws on a
 * mismatch: `@flowglad/node` would take a throwing fetch for a network error and retry the request,
 * changing state. Tests read `mismatches` (or get called back per response) instead.
 */
export function validatingFetch(
  innerFetch: typeof globalThis.fetch,
  onResult?: (exchange: ValidatedExchange) => void,
): ValidatingFetch {
  const exchanges: ValidatedExchange[] = []
  const mismatches: ValidatedExchange[] = []
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await innerFetch(input, init)
    const url = input instanceof Request ? input.url : String(input)
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
    const path = new URL(url, 'http://localhost').pathname
    if (!path.includes('/api/')) return response
    const exchange = await inspect(method, path, response)
    exchanges.push(exchange)
    if (!exchange.result.ok) mismatches.push(exchange)
    onResult?.(exchange)
    return response
  }
  return Object.assign(wrapped, { exchanges, mismatches }) as ValidatingFetch
}

async function inspect(method: string, path: string, response: Response): Promise<ValidatedExchange> {
  const status = response.status
  const operation = matchOperation(method, path)?.operationId
  const text = await response.clone().text()
  const contentType = response.headers.get('content-type') ?? ''
  const isJson = /\bjson\b/.test(contentType)
  let result: ValidationResult
  if (text !== '' && !isJson) {
    result = {
      ok: false,
      operation: operation ?? `${method} ${path}`,
      errors: [`content-type '${contentType}' is not JSON`],
    }
  } else {
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = text
    }
    result = validateResponse({ method, path, status, body })
  }
  return { method: method.toUpperCase(), path, status, operation, result }
}
