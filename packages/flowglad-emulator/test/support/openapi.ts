/**
 * Response validation against Flowglad's OpenAPI spec: `validateResponse` for one body,
 * `expectValidResponse` for vitest, `validatingFetch` to check everything a client receives.
 */

export { type ValidatedExchange, type ValidatingFetch, validatingFetch } from './openapiFetch'
export {
  type OpenApiDocument,
  type OperationObject,
  type RequestBodyObject,
  type ResponseObject,
  resolvePointer,
  type SchemaObject,
  toJsonSchema,
} from './openapiSchema'
export {
  expectValidResponse,
  getOpenApiDocument,
  type MatchedOperation,
  matchOperation,
  type RequestToValidate,
  type ResponseToValidate,
  requestSchemaFor,
  responseSchemaFor,
  type ValidationResult,
  validateComponent,
  validateRequest,
  validateResponse,
} from './openapiValidator'
