/** Per-request state, kept on the request key (tRPC ctx, a `forCustomer` handle) and dying with it. */
export interface RequestSlot<T> {
  get(requestKey: object): T | undefined
  set(requestKey: object, value: T): void
}

/** Where every slot of a request key lives (one non-enumerable property). */
const slotsKey = Symbol('flowglad-trpc.request')

/**
 * A slot under a private symbol on the request key itself (non-enumerable: spreading or logging the
 * key does not show it), or in a `WeakMap` for a key that cannot take a property (frozen).
 *
 * Why not only a `WeakMap`: V8's young-generation GC keeps the values of a long-lived `WeakMap`
 * alive even when their key is garbage, so every request's billing payload was promoted and
 * freed only by full collections (bench/server/engine: most of the engine's cost). On the key,
 * it dies young with the request.
 */
export function createRequestSlot<T>(name: string): RequestSlot<T> {
  const slot = Symbol(name)
  const frozenKeys = new WeakMap<object, T>()
  return {
    get(requestKey) {
      const own = (requestKey as { [slotsKey]?: Record<symbol, T> })[slotsKey]?.[slot]
      return own !== undefined ? own : frozenKeys.get(requestKey)
    },
    set(requestKey, value) {
      const slots = (requestKey as { [slotsKey]?: Record<symbol, unknown> })[slotsKey]
      // Own only: a key made with `Object.create(otherKey)` must not write into the other's slots.
      if (slots && Object.hasOwn(requestKey, slotsKey)) slots[slot] = value
      else if (Object.isExtensible(requestKey))
        // One property per request key for every slot: `defineProperty` is the costly part (~1 µs).
        Object.defineProperty(requestKey, slotsKey, { value: { [slot]: value }, configurable: true })
      else frozenKeys.set(requestKey, value)
    },
  }
}
