import type { Route } from './defineRoute'

/** The route a request resolves to and its decoded path params. */
export interface RouteMatch {
  route: Route
  params: Record<string, string>
}

/** A route's path split once: its segments (`null` for a `:name` param) and how many are literal. */
interface CompiledRoute {
  route: Route
  segments: Array<string | null>
  names: string[]
  literals: number
}

/** A route table compiled once: routes by method, and the answer for each literal path as written. */
interface CompiledTable {
  byMethod: Map<string, CompiledRoute[]>
  /** `METHOD path` of every route without params, to its match (a literal path needs no search). */
  literal: Map<string, RouteMatch>
}

const compiled = new WeakMap<readonly Route[], CompiledTable>()

/** Params of a literal route: none, shared by every match of it (frozen, so no handler can add one). */
const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>

/** The routes by method, their paths split once per route table (not once per request). */
function compile(routes: readonly Route[]): CompiledTable {
  const known = compiled.get(routes)
  if (known) return known
  const byMethod = new Map<string, CompiledRoute[]>()
  for (const route of routes) {
    const parts = route.path.split('/')
    const entry: CompiledRoute = {
      route,
      segments: parts.map((part) => (part.startsWith(':') ? null : part)),
      names: parts.filter((part) => part.startsWith(':')).map((part) => part.slice(1)),
      literals: parts.filter((part) => !part.startsWith(':')).length,
    }
    const list = byMethod.get(route.method) ?? []
    list.push(entry)
    byMethod.set(route.method, list)
  }
  const literal = new Map<string, RouteMatch>()
  for (const [method, list] of byMethod) {
    for (const entry of list) {
      if (entry.names.length > 0) continue
      // The same winner the search picks for this path (a literal route beats any param route).
      const match = search(list, entry.route.path.split('/'))
      if (match) literal.set(`${method} ${entry.route.path}`, { route: match.route, params: NO_PARAMS })
    }
  }
  const table = { byMethod, literal }
  compiled.set(routes, table)
  return table
}

function matchPath(entry: CompiledRoute, actual: string[]): Record<string, string> | null {
  const { segments } = entry
  if (segments.length !== actual.length) return null
  const params: Record<string, string> = {}
  let name = 0
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]
    const value = actual[index] as string
    if (segment === null) {
      if (value === '') return null
      try {
        params[entry.names[name++] as string] = decodeURIComponent(value)
      } catch {
        return null
      }
    } else if (segment !== value) return null
  }
  return params
}

/**
 * Finds the route for a method and path. Literal routes win over parameterised ones, so
 * `/pricing-models/default` is not read as the pricing model with id "default".
 */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch | null {
  const table = compile(routes)
  const literal = table.literal.get(`${method} ${pathname}`)
  if (literal) return literal
  const candidates = table.byMethod.get(method)
  if (!candidates) return null
  return search(candidates, pathname.replace(/\/+$/, '').split('/'))
}

/** The best of `candidates` for a split path: most literal segments wins. */
function search(candidates: CompiledRoute[], actual: string[]): RouteMatch | null {
  let best: RouteMatch | null = null
  let bestLiterals = -1
  for (const entry of candidates) {
    if (entry.literals <= bestLiterals) continue
    const params = matchPath(entry, actual)
    if (!params) continue
    best = { route: entry.route, params }
    bestLiterals = entry.literals
  }
  return best
}
