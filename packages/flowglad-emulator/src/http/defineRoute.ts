import type { z } from 'zod'
import type { EmulatorStore } from '../state/EmulatorStore'

/** What a route handler gets: the store, path params and the validated body and query. */
export interface RouteContext<TBody, TQuery> {
  store: EmulatorStore
  params: Record<string, string>
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

/** Declares a route; the schemas type the handler's `body` and `query`. */
export function defineRoute<
  TBody extends z.ZodType = z.ZodUnknown,
  TQuery extends z.ZodType = z.ZodUnknown,
>(route: {
  method: Method
  path: string
  body?: TBody
  query?: TQuery
  handle(context: RouteContext<z.output<TBody>, z.output<TQuery>>): unknown
}): Route {
  return route as Route
}
