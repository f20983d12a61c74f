import type { z } from 'zod'
import type { EmulatorStore } from '../state/EmulatorStore'

/** The `:name` segments of a route path as an object type: `'/a/:id/b/:x'` → `{ id: string; x: string }`. */
export type PathParams<TPath extends string> = TPath extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : TPath extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, string>

/** What a route handler gets: the store, typed path params and the validated body and query. */
export interface RouteContext<TBody, TQuery, TParams = Record<string, string>> {
  store: EmulatorStore
  params: TParams
  body: TBody
  query: TQuery
}

/** HTTP methods the API uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** One API endpoint: method, path pattern (`:name` segments) and a handler returning the JSON body. */
export interface Route {
  method: Method
  path: string
  body?: z.ZodType
  query?: z.ZodType
  handle(context: RouteContext<unknown, unknown>): unknown
}

/** Declares a route; the path types `params`, the schemas type the handler's `body` and `query`. */
export function defineRoute<
  TPath extends string,
  TBody extends z.ZodType = z.ZodUnknown,
  TQuery extends z.ZodType = z.ZodUnknown,
>(route: {
  method: Method
  path: TPath
  body?: TBody
  query?: TQuery
  handle(context: RouteContext<z.output<TBody>, z.output<TQuery>, PathParams<TPath>>): unknown
}): Route {
  // matchRoute fills one param per `:name` segment of this path, which is what PathParams promises.
  return route as unknown as Route
}
