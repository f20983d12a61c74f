import { TRPCError } from '@trpc/server'
import { createRequestSlot } from '../caches/requestSlot'
import type { CallBudget } from '../engine/callBudget'
import type { FlowgladRuntime } from '../engine/flowgladRuntime'
import { isUpstreamStatus } from '../errors/normalizeError'
import type { CustomerBilling, FlowgladCustomer, FlowgladNodeClient } from '../types'

/**
 * One customer, seen from one request: memoised billing plus lazy upstream creation. A handler's
 * scope is bound to its budget (`within`): every upstream request it makes draws on that deadline.
 */
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
  withCustomer<T>(call: (client: FlowgladNodeClient) => Promise<T>): Promise<T>
  /** The upstream client, for calls that do not depend on the customer existing yet. */
  client(): Promise<FlowgladNodeClient>
  /**
   * A billing-derived read (resource usages and claims) at most once per request key: a batch of
   * 200 identical reads costs one upstream call. Distinct reads per request are capped at the
   * runtime's `maxReadsPerRequest` (TOO_MANY_REQUESTS beyond, before any call).
   */
  read<T>(key: string, load: (client: FlowgladNodeClient) => Promise<T>): Promise<T>
  /** This scope for one handler: its upstream requests draw on `budget`. */
  within(budget: CallBudget): CustomerScope
  /** Records a write to this customer: its memoised billing, in this request and any other, is stale. */
  invalidate(): void
  /** The customer's billing may change on Flowglad's side for `ms` (an open checkout session). */
  expectUpstreamChanges(ms: number): void
}

/** Reads memoised per request key (a tRPC ctx: one HTTP request or batch). */
const readsByRequest =
  createRequestSlot<Map<string, { generation: number; read: Promise<unknown> }>>('flowglad-trpc.reads')

/** A `CustomerScope` (a class: two per handler call, so its methods are shared, not closures). */
class BoundCustomerScope implements CustomerScope {
  constructor(
    private readonly runtime: FlowgladRuntime,
    readonly customer: FlowgladCustomer,
    readonly requestKey: object,
    private readonly budget: CallBudget | undefined,
  ) {}

  client(): Promise<FlowgladNodeClient> {
    return this.runtime.client(this.budget)
  }

  /** Runs `call`; on a 404 (customer unknown upstream) creates the customer and runs it again. */
  private async createOn404<T>(call: (client: FlowgladNodeClient) => Promise<T>): Promise<T> {
    const { customers } = this.runtime
    const flowglad = await this.client()
    try {
      const result = await call(flowglad)
      customers.markKnown(this.customer.externalId)
      return result
    } catch (error) {
      if (!isUpstreamStatus(error, 404)) throw error
      await customers.createImplicitly(this.customer, this.budget)
      return call(flowglad)
    }
  }

  async withCustomer<T>(call: (client: FlowgladNodeClient) => Promise<T>): Promise<T> {
    const { customers } = this.runtime
    const { externalId } = this.customer
    if (!customers.isKnown(externalId)) {
      // Flowglad answers some writes for an unknown customer with a 400, not a 404 (a checkout by
      // price slug: "Customer is required to resolve price slug"), so look first.
      const flowglad = await this.client()
      await flowglad.customers.retrieve(externalId).then(
        () => customers.markKnown(externalId),
        async (error: unknown) => {
          if (!isUpstreamStatus(error, 404)) throw error
          await customers.createImplicitly(this.customer, this.budget)
        },
      )
    }
    return this.createOn404(call)
  }

  billing(): Promise<CustomerBilling> {
    const { externalId } = this.customer
    return this.runtime.billing.get(this.requestKey, externalId, () =>
      this.createOn404((client) => client.customers.retrieveBilling(externalId)),
    )
  }

  read<T>(key: string, load: (client: FlowgladNodeClient) => Promise<T>): Promise<T> {
    const { runtime, requestKey } = this
    let reads = readsByRequest.get(requestKey)
    if (!reads) {
      reads = new Map()
      readsByRequest.set(requestKey, reads)
    }
    const memoKey = `${this.customer.externalId}\u0000${key}`
    // Taken before the read: a write to the customer (through any request) makes the memo stale.
    const generation = runtime.billing.generation(this.customer.externalId)
    const known = reads.get(memoKey)
    if (known?.generation === generation) return known.read as Promise<T>
    if (!known && reads.size >= runtime.maxReadsPerRequest)
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `At most ${runtime.maxReadsPerRequest} distinct billing reads per request: this one was not sent to Flowglad.`,
      })
    const started = { generation, read: this.client().then(load) }
    const requestReads = reads
    requestReads.set(memoKey, started)
    // A failed read is not memoised: the next call in the request may try again.
    started.read.catch(() => {
      if (requestReads.get(memoKey) === started) requestReads.delete(memoKey)
    })
    return started.read
  }

  within(budget: CallBudget): CustomerScope {
    return new BoundCustomerScope(this.runtime, this.customer, this.requestKey, budget)
  }

  invalidate(): void {
    this.runtime.billing.invalidate(this.customer.externalId)
  }

  expectUpstreamChanges(ms: number): void {
    this.runtime.billing.expectUpstreamChanges(this.customer.externalId, ms)
  }
}

/**
 * Scopes the runtime to one customer and one request key (tRPC ctx or a `forCustomer` handle), and
 * to a handler's budget when given one (else each upstream request gets a fresh one).
 */
export function createCustomerScope(
  runtime: FlowgladRuntime,
  customer: FlowgladCustomer,
  requestKey: object,
  budget?: CallBudget,
): CustomerScope {
  return new BoundCustomerScope(runtime, customer, requestKey, budget)
}
