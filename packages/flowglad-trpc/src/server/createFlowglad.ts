import { createCustomerApi, type FlowgladCustomerApi } from './customerApi'
import { type CreateFlowgladOptions, createFlowgladRuntime, type FlowgladRuntime } from './flowgladRuntime'
import { parseCustomer } from './parseCustomer'
import type { CustomerRecord, FlowgladClient, FlowgladCustomer } from './types'

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
  /** The same operations as the procedures, scoped to one customer. */
  forCustomer(customer: FlowgladCustomer, options?: ForCustomerOptions): FlowgladCustomerApi
  /** The underlying `@flowglad/node` client, for endpoints this library does not wrap. */
  client(): Promise<FlowgladClient>
}

const runtimes = new WeakMap<Flowglad, FlowgladRuntime>()

/** The runtime behind a `Flowglad` (for the router); throws for objects not made by `createFlowglad`. */
export function runtimeOf(flowglad: Flowglad): FlowgladRuntime {
  const runtime = runtimes.get(flowglad)
  if (!runtime) throw new TypeError('flowglad-trpc: expected the object returned by createFlowglad()')
  return runtime
}

/**
 * Configures Flowglad once per process. Without an API key it throws in production and runs the
 * in-process emulator otherwise (logged once, on first use).
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
  runtimes.set(flowglad, runtime)
  return flowglad
}
