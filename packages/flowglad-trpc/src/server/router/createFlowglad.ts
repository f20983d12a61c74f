import { parseCustomer } from '../customer/parseCustomer'
import {
  type CreateFlowgladOptions,
  createFlowgladRuntime,
  type FlowgladRuntime,
} from '../engine/flowgladRuntime'
import type { CustomerRecord, FlowgladCustomer, FlowgladNodeClient } from '../types'
import { createCustomerApi, type FlowgladCustomerApi } from './customerApi'

/** Options of `Flowglad.forCustomer`. */
export interface ForCustomerOptions {
  /**
   * Calls made with the same key share one memoised billing read (the router passes tRPC's ctx).
   * Defaults to a fresh key per `forCustomer` handle.
   */
  readonly requestKey?: object
}

/** A configured Flowglad connection: the server API, and what `createFlowgladRouter` mounts. */
export interface Flowglad {
  /** Customer management for code outside tRPC (sign-up hooks, webhooks, scripts). */
  readonly customers: {
    /** Fetches the customer, creating it upstream (once, even under concurrent calls) when missing. */
    findOrCreate(customer: FlowgladCustomer): Promise<CustomerRecord>
  }
  /** The same handlers as the procedures, scoped to one customer. */
  forCustomer(customer: FlowgladCustomer, options?: ForCustomerOptions): FlowgladCustomerApi
  /**
   * The underlying `@flowglad/node` client, for endpoints this library does not wrap. Writes made
   * directly through it bypass write tracking: prefer `forCustomer(...)` for anything it offers.
   */
  client(): Promise<FlowgladNodeClient>
}

// A registered symbol, not a module-level WeakMap: bundlers (Next.js gives route handlers, server
// components, server actions and instrumentation each their own bundle) can load several copies of
// this library into one process, and a `Flowglad` made by one copy must work with another's router.
const RUNTIME = Symbol.for('flowglad-trpc.runtime')

// Bumped when `FlowgladRuntime`'s shape changes, so two incompatible copies fail clearly instead of
// calling methods the other copy does not have.
const RUNTIME_VERSION = 1

/** What the brand holds: the runtime and the shape version of the copy that made it. */
interface RuntimeBrand {
  readonly version: number
  readonly runtime: FlowgladRuntime
}

function brandOf(value: unknown): RuntimeBrand | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  return (value as { [RUNTIME]?: RuntimeBrand })[RUNTIME]
}

/** The runtime behind a `Flowglad` (for the router); throws for objects not made by `createFlowglad`. */
export function runtimeOf(flowglad: Flowglad): FlowgladRuntime {
  const brand = brandOf(flowglad)
  if (!brand) throw new TypeError('flowglad-trpc: expected the object returned by createFlowglad()')
  if (brand.version !== RUNTIME_VERSION)
    throw new TypeError(
      `flowglad-trpc: this Flowglad object was made by an incompatible copy of flowglad-trpc ` +
        `(runtime version ${brand.version}, expected ${RUNTIME_VERSION}); install a single version.`,
    )
  return brand.runtime
}

/**
 * Configures Flowglad once per process. Without an API key it runs the process-wide local emulator
 * (started and logged once, on first use) outside production or when `emulator` is set, and throws otherwise.
 */
export function createFlowglad(options: CreateFlowgladOptions = {}): Flowglad {
  const runtime = createFlowgladRuntime(options)
  const flowglad: Flowglad = {
    customers: {
      findOrCreate: async (customer) => {
        try {
          return await runtime.customers.findOrCreate(parseCustomer(customer))
        } catch (error) {
          throw runtime.normalize(error)
        }
      },
    },
    forCustomer: (customer, forOptions) =>
      createCustomerApi(runtime, parseCustomer(customer), forOptions?.requestKey),
    client: () => runtime.client(),
  }
  // Non-enumerable: spreading or logging the object does not expose internals.
  Object.defineProperty(flowglad, RUNTIME, {
    value: { version: RUNTIME_VERSION, runtime } satisfies RuntimeBrand,
  })
  return flowglad
}
