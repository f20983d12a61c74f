import { createRequestSlot } from '../caches/requestSlot'
import type { FlowgladCustomer } from '../types'
import { parseCustomer } from './parseCustomer'

/** An app's customer resolver (the router's and the gates' `customer` option). */
export type CustomerResolver<TOpts> = (
  opts: TOpts,
) => FlowgladCustomer | null | undefined | Promise<FlowgladCustomer | null | undefined>

// Keyed by request key, then by the resolver itself: the router's procedures and the gates of one
// request share one resolution when the app passes them the same function (as the README shows),
// and two different resolvers are never taken for one another.
// On the request key itself (`requestSlot.ts`: a WeakMap keyed by ctx keeps values alive too long).
const resolutions = createRequestSlot<Map<object, Promise<FlowgladCustomer | null>>>('flowglad-trpc.customer')

/**
 * The request's customer, resolved (and validated) once per request key and resolver: a batch of
 * gated procedures and Flowglad procedures calls the app's resolver once. A failed resolution is
 * not remembered, so the next call in the request tries again.
 */
export function resolveRequestCustomer<TOpts>(
  requestKey: object,
  resolver: CustomerResolver<TOpts>,
  opts: TOpts,
): Promise<FlowgladCustomer | null> {
  let byResolver = resolutions.get(requestKey)
  if (!byResolver) {
    byResolver = new Map()
    resolutions.set(requestKey, byResolver)
  }
  const known = byResolver.get(resolver)
  if (known) return known
  let resolved: ReturnType<CustomerResolver<TOpts>>
  try {
    resolved = resolver(opts)
  } catch (error) {
    return Promise.reject(error) // not remembered: the next call in the request tries again
  }
  const memo = byResolver
  if (!isPromiseLike(resolved)) {
    // A synchronous resolver (the common case) stays synchronous: no async wrapper, no failure hook.
    let customer: FlowgladCustomer | null
    try {
      customer = resolved ? parseCustomer(resolved) : null
    } catch (error) {
      return Promise.reject(error)
    }
    const resolution = Promise.resolve(customer)
    memo.set(resolver, resolution)
    return resolution
  }
  const resolution = Promise.resolve(resolved).then((customer) => (customer ? parseCustomer(customer) : null))
  memo.set(resolver, resolution)
  resolution.catch(() => {
    if (memo.get(resolver) === resolution) memo.delete(resolver)
  })
  return resolution
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}
