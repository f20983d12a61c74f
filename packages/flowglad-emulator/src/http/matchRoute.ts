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

const compiled = new WeakMap<readonly Route[], Map<string, CompiledRoute[]>>()

/** The routes by method, their paths split once per route table (not once per request). */
function compile(routes: readonly Route[]): Map<string, CompiledRoute[]> {
  let byMethod = compiled.get(routes)
  if (byMethod) return byMethod
  byMethod = new Map()
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
  compiled.set(routes, byMethod)
  return byMethod
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
  const candidates = compile(routes).get(method)
  if (!candidates) return null
  const actual = pathname.replace(/\/+$/, '').split('/')
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
