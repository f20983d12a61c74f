import { readFileSync } from 'node:fs'
import type { ErrorObject, ValidateFunction } from 'ajv'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'
import {
  isObject,
  type OpenApiDocument,
  type OperationObject,
  type RequestBodyObject,
  type ResponseObject,
  resolvePointer,
  type SchemaObject,
  SPEC_ID,
  toJsonSchema,
} from './openapiSchema'
import { correctSpec } from './specCorrections'

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

/** A request the client sent: `body` is the parsed JSON, undefined when there was none. */
export interface RequestToValidate {
  method: string
  path: string
  body: unknown
}

/** Outcome of `validateResponse`: errors are ajv's, one line each, with the JSON pointer first. */
export type ValidationResult = { ok: true } | { ok: false; operation: string; errors: string[] }

/** Bundled copy of Flowglad's published spec (`/work/shared/flowglad/openapi.json`): tests need no network or outside file. */
const SPEC_URL = new URL('./flowglad-openapi.json', import.meta.url)
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const

interface Route {
  method: string
  template: string
  segments: (string | null)[] // null = `{param}`
  literalCount: number
  operation: OperationObject
}

interface Validator {
  source: OpenApiDocument
  document: OpenApiDocument
  routes: Route[]
  ajv: Ajv2020
  compiled: Map<string, ValidateFunction | null>
}

let validator: Validator | undefined

/** Loads the spec and registers its component schemas once; operation schemas compile on first use. */
function getValidator(): Validator {
  if (validator) return validator
  const source = JSON.parse(readFileSync(SPEC_URL, 'utf8')) as OpenApiDocument
  // Validation follows the server where it disagrees with its spec; the document itself stays as published.
  const document = correctSpec(structuredClone(source))
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
  validator = { source, document, routes: buildRoutes(document), ajv, compiled: new Map() }
  return validator
}

/** The spec document as published (parsed once; the validator checks against its corrected copy). */
export function getOpenApiDocument(): OpenApiDocument {
  return getValidator().source
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
  return jsonSchemaOf(response.content)
}

const jsonSchemaOf = (content: ResponseObject['content']): SchemaObject | null =>
  Object.entries(content ?? {}).find(([type]) => /^application\/(.+\+)?json/.test(type))?.[1].schema ?? null

/** The request body schema, null when the operation takes none; `required` as the spec says. */
export function requestSchemaFor(matched: MatchedOperation): {
  schema: SchemaObject | null
  required: boolean
} {
  let requestBody = matched.operation.requestBody
  if (requestBody?.$ref)
    requestBody = resolvePointer(getValidator().document, requestBody.$ref) as RequestBodyObject
  return { schema: jsonSchemaOf(requestBody?.content), required: requestBody?.required === true }
}

/** Compiles a schema once per key (undefined: nothing documented, null: documented without JSON). */
function compileCached(key: string, schemaOf: () => SchemaObject | null | undefined) {
  const { ajv, compiled, document } = getValidator()
  if (compiled.has(key)) return compiled.get(key)
  const schema = schemaOf()
  if (schema === undefined) return undefined
  const validate = schema === null ? null : ajv.compile(toJsonSchema(schema, document) as SchemaObject)
  compiled.set(key, validate)
  return validate
}

const compiledFor = (matched: MatchedOperation, status: number) =>
  compileCached(`${matched.operationId} ${status}`, () => responseSchemaFor(matched, status))

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

/** The result for a request that no operation in the spec describes. */
function unmatched(method: string, path: string): ValidationResult {
  return {
    ok: false,
    operation: `${method.toUpperCase()} ${toApiPath(path)}`,
    errors: ['no operation in the spec'],
  }
}

/** Checks a response body against the spec's schema for that operation and status. */
export function validateResponse({ method, path, status, body }: ResponseToValidate): ValidationResult {
  const matched = matchOperation(method, path)
  if (!matched) return unmatched(method, path)
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

/** Checks a request body against the spec's `requestBody` schema for that operation. */
export function validateRequest({ method, path, body }: RequestToValidate): ValidationResult {
  const matched = matchOperation(method, path)
  if (!matched) return unmatched(method, path)
  const operation = matched.operationId
  const { required } = requestSchemaFor(matched)
  const validate = compileCached(`${operation} request`, () => requestSchemaFor(matched).schema)
  if (body === undefined) {
    return required ? { ok: false, operation, errors: ['request body is required'] } : { ok: true }
  }
  if (!validate) return { ok: false, operation, errors: ['operation takes no JSON request body'] }
  if (validate(body)) return { ok: true }
  return { ok: false, operation, errors: [...new Set((validate.errors ?? []).map(formatError))] }
}

/** Checks a body against one of the spec's component schemas, e.g. `error.NOT_FOUND`. */
export function validateComponent(name: string, body: unknown): ValidationResult {
  const { ajv, document, compiled } = getValidator()
  if (!document.components?.schemas?.[name]) {
    return { ok: false, operation: name, errors: [`no component schema '${name}'`] }
  }
  const key = `#component ${name}`
  let validate = compiled.get(key)
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}#/$defs/${name}` })
    compiled.set(key, validate)
  }
  if (validate(body)) return { ok: true }
  return { ok: false, operation: name, errors: [...new Set((validate.errors ?? []).map(formatError))] }
}

/** vitest assertion: fails with the operation and every schema error listed in the diff. */
export function expectValidResponse(response: ResponseToValidate): void {
  expect(validateResponse(response), `${response.method} ${response.path} -> ${response.status}`).toEqual({
    ok: true,
  })
}
