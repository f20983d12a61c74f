import type { Route } from './defineRoute'

/** The route a request resolves to and its decoded path params. */
export interface RouteMatch {
  route: Route
  params: Record<string, string>
}

function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const expected = pattern.split('/')
  const actual = pathname.replace(/\/+$/, '').split('/')
  if (expected.length !== actual.length) return null
  const params: Record<string, string> = {}
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] as string
    if (segment.startsWith(':')) {
      if (value === '') return null
      try {
        params[segment.slice(1)] = decodeURIComponent(value)
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
  let best: RouteMatch | null = null
  let bestLiterals = -1
  for (const route of routes) {
    if (route.method !== method) continue
    const params = matchPath(route.path, pathname)
    if (!params) continue
    const literals = route.path.split('/').filter((segment) => !segment.startsWith(':')).length
    if (literals > bestLiterals) {
      best = { route, params }
      bestLiterals = literals
    }
  }
  return best
}
