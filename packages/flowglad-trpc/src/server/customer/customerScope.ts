import type { FlowgladRuntime } from '../engine/flowgladRuntime'
import { isUpstreamStatus } from '../errors/normalizeError'
import type { CustomerBilling, FlowgladClient, FlowgladCustomer } from '../types'

/** One customer, seen from one request: memoised billing plus lazy upstream creation. */
export interface CustomerScope {
  readonly customer: FlowgladCustomer
  /** What identifies the request (tRPC ctx, or a `forCustomer` handle): memos and the mutation cap use it. */
  readonly requestKey: object
  /** The billing payload, fetched at most once per request key until a write invalidates it. */
  billing(): Promise<CustomerBilling>
  /**
   * Runs a write that needs the customer to exist upstream. A customer this process has not seen
   * yet is looked up (and created when missing: single-flight, never one archived through this
   * process) first; a 404 from the call itself creates it and runs the call again.
   */
  withCustomer<T>(call: (client: FlowgladClient) => Promise<T>): Promise<T>
  /** The upstream client, for calls that do not depend on the customer existing yet. */
  client(): Promise<FlowgladClient>
  /** Records a write to this customer: its memoised billing, in this request and any other, is stale. */
  invalidate(): void
  /** The customer's billing may change on Flowglad's side for `ms` (an open checkout session). */
  expectUpstreamChanges(ms: number): void
}

/** Scopes the runtime to one customer and one request key (tRPC ctx or a `forCustomer` handle). */
export function createCustomerScope(
  runtime: FlowgladRuntime,
  customer: FlowgladCustomer,
  requestKey: object,
): CustomerScope {
  const { customers } = runtime
  /** Runs `call`; on a 404 (customer unknown upstream) creates the customer and runs it again. */
  const createOn404 = async <T>(call: (client: FlowgladClient) => Promise<T>): Promise<T> => {
    const client = await runtime.client()
    try {
      const result = await call(client)
      customers.markKnown(customer.externalId)
      return result
    } catch (error) {
      if (!isUpstreamStatus(error, 404)) throw error
      await customers.createImplicitly(customer)
      return call(client)
    }
  }
  const withCustomer = async <T>(call: (client: FlowgladClient) => Promise<T>): Promise<T> => {
    if (!customers.isKnown(customer.externalId)) {
      // Flowglad answers some writes for an unknown customer with a 400, not a 404 (a checkout by
      // price slug: "Customer is required to resolve price slug"), so look first.
      const client = await runtime.client()
      await client.customers.retrieve(customer.externalId).then(
        () => customers.markKnown(customer.externalId),
        async (error: unknown) => {
          if (!isUpstreamStatus(error, 404)) throw error
          await customers.createImplicitly(customer)
        },
      )
    }
    return createOn404(call)
  }
  return {
    customer,
    requestKey,
    withCustomer,
    client: () => runtime.client(),
    billing: () =>
      runtime.billing.get(requestKey, customer.externalId, () =>
        createOn404((client) => client.customers.retrieveBilling(customer.externalId)),
      ),
    invalidate: () => runtime.billing.invalidate(customer.externalId),
    expectUpstreamChanges: (ms) => runtime.billing.expectUpstreamChanges(customer.externalId, ms),
  }
}
