import type { FlowgladRuntime } from './flowgladRuntime'
import { isUpstreamStatus } from './normalizeError'
import type { CustomerBilling, FlowgladClient, FlowgladCustomer } from './types'

/** One customer, seen from one request: memoised billing plus lazy upstream creation. */
export interface CustomerScope {
  readonly customer: FlowgladCustomer
  /** What identifies the request (tRPC ctx, or a `forCustomer` handle): memos and the mutation cap use it. */
  readonly requestKey: object
  /** The billing payload, fetched at most once per request key until a write invalidates it. */
  billing(): Promise<CustomerBilling>
  /**
   * Runs a call keyed by the customer's external id. When Flowglad does not know the customer yet
   * (404), creates it (single-flight; never one archived through this process) and runs the call
   * again: existing customers cost one request.
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
  const withCustomer = async <T>(call: (client: FlowgladClient) => Promise<T>): Promise<T> => {
    const client = await runtime.client()
    try {
      return await call(client)
    } catch (error) {
      if (!isUpstreamStatus(error, 404)) throw error
      await runtime.customers.createImplicitly(customer)
      return call(client)
    }
  }
  return {
    customer,
    requestKey,
    withCustomer,
    client: () => runtime.client(),
    billing: () =>
      runtime.billing.get(requestKey, customer.externalId, () =>
        withCustomer((client) => client.customers.retrieveBilling(customer.externalId)),
      ),
    invalidate: () => runtime.billing.invalidate(customer.externalId),
    expectUpstreamChanges: (ms) => runtime.billing.expectUpstreamChanges(customer.externalId, ms),
  }
}
