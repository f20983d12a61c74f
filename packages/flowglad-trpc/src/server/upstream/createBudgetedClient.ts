import { type APIPromise, type ClientOptions, Flowglad as FlowgladNode } from '@flowglad/node'
import type { CallBudget } from '../engine/callBudget'
import type { FlowgladNodeClient } from '../types'
import type { UpstreamFetch } from './createUpstreamFetch'

/** The `@flowglad/node` clients of one runtime: one for calls outside a handler, and one per running handler. */
export interface BudgetedClients {
  /** For calls outside a handler: each request gets a fresh budget. */
  readonly client: FlowgladNodeClient
  /** A client whose requests draw on `budget`, until `release` (when the handler has returned). */
  lease(budget: CallBudget): FlowgladNodeClient
  /** Takes back a leased client: its handler has returned, so it makes no more requests. */
  release(client: FlowgladNodeClient): void
}

/** Where a request carries its budget, from `request()` (synchronous, in the caller) to the fetch. */
const BUDGET = Symbol('flowglad-trpc.budget')
type RequestOptions = Parameters<FlowgladNode['request']>[0]

/**
 * `@flowglad/node`'s client, every request sent through `send` (the upstream policy) on a budget.
 * It takes over the SDK's `fetchWithTimeout` (a public method): `send` bounds each request by its
 * budget with the SDK's own AbortController, so no second controller or timer is needed.
 *
 * Which budget: the one the client serves when a request is made (`request()` runs synchronously
 * inside the resource method the handler calls), carried with the request from there. A client is
 * reused by later handlers once its handler has returned; requests made before keep their budget.
 */
class BudgetedFlowglad extends FlowgladNode {
  readonly #options: ClientOptions
  readonly #send: UpstreamFetch
  #budget: CallBudget | undefined

  constructor(options: ClientOptions, send: UpstreamFetch) {
    super(options)
    this.#options = options
    this.#send = send
  }

  /** Serves `budget`'s handler from now on (undefined: nobody's, each request on a fresh budget). */
  serve(budget: CallBudget | undefined): void {
    this.#budget = budget
  }

  /** Whether the client serves a handler now. */
  get leased(): boolean {
    return this.#budget !== undefined
  }

  override request<Rsp>(options: RequestOptions, remainingRetries?: number | null): APIPromise<Rsp> {
    const budget = this.#budget
    if (!budget) return super.request(options, remainingRetries)
    // The options object is the SDK's own, made for this call (`{ method, path, ...opts }`).
    const withBudget = Promise.resolve(options).then((resolved) => {
      const fetchOptions = resolved.fetchOptions
      // An extra key of the request init: @flowglad/node spreads fetchOptions into it as is.
      resolved.fetchOptions = (fetchOptions
        ? { ...fetchOptions, [BUDGET]: budget }
        : { [BUDGET]: budget }) as object as typeof fetchOptions
      return resolved
    })
    return super.request(withBudget, remainingRetries)
  }

  override fetchWithTimeout(
    url: string | URL | Request,
    init: RequestInit | undefined,
    ms: number,
    controller: AbortController,
  ): Promise<Response> {
    const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url
    // The budget leaves the init here: fetch sees what @flowglad/node itself would send.
    const { [BUDGET]: budget, ...request } = (init ?? {}) as RequestInit & { [BUDGET]?: CallBudget }
    return this.#send(budget, href, request, controller, ms)
  }

  // The SDK's own would call this constructor without `send`. A copy keeps the policy (serving
  // nobody's budget), unless it brings its own `fetch`: then it is a plain `@flowglad/node` client.
  override withOptions(options: Partial<ClientOptions>): this {
    const merged = { ...this.#options, ...options }
    return (options.fetch ? new FlowgladNode(merged) : new BudgetedFlowglad(merged, this.#send)) as this
  }
}

// @flowglad/node sends `${constructor.name}/JS <version>` as User-Agent: Flowglad sees its own SDK.
Object.defineProperty(BudgetedFlowglad, 'name', { value: FlowgladNode.name })

// Idle clients kept for the next handlers: enough for the handlers one process runs at once.
const MAX_IDLE = 64

/**
 * The runtime's clients over one policy. A client is made per concurrently running handler (an
 * `@flowglad/node` client costs about as much as the billing read's own overhead to build), then
 * reused.
 */
export function createBudgetedClients(options: ClientOptions, send: UpstreamFetch): BudgetedClients {
  const idle: BudgetedFlowglad[] = []
  return {
    client: new BudgetedFlowglad(options, send),
    lease(budget) {
      const client = idle.pop() ?? new BudgetedFlowglad(options, send)
      client.serve(budget)
      return client
    },
    release(client) {
      const budgeted = client as BudgetedFlowglad
      if (!budgeted.leased) return // released already: never idle twice
      budgeted.serve(undefined)
      if (idle.length < MAX_IDLE) idle.push(budgeted)
    },
  }
}
