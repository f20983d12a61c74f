import { TRPCError } from '@trpc/server'
import { createSingleFlight } from '../caches/singleFlight'
import type { CallBudget } from '../engine/callBudget'
import { isUpstreamStatus } from '../errors/normalizeError'
import type { CustomerRecord, FlowgladCustomer, FlowgladNodeClient } from '../types'

/**
 * Finds and creates upstream customers; creation is single-flight per external id. A handler passes
 * its budget (its requests draw on it); a creation others join runs on the budget of whoever started it.
 */
export interface CustomerDirectory {
  /** Creates the customer (once, however many callers race); an existing one is fetched instead. */
  create(customer: FlowgladCustomer, budget?: CallBudget): Promise<CustomerRecord>
  /** Fetches the customer, creating it when Flowglad does not know it yet (even one archived before). */
  findOrCreate(customer: FlowgladCustomer, budget?: CallBudget): Promise<CustomerRecord>
  /**
   * Creates a customer Flowglad answered 404 for, on a call that did not ask for creation (a read,
   * a write). Refuses when the customer was archived through this process, or when implicit
   * creation is off: Flowglad answers 404 for archived customers and accepts their externalId again.
   */
  createImplicitly(customer: FlowgladCustomer, budget?: CallBudget): Promise<CustomerRecord>
  /** Records that the customer was archived, so nothing re-creates it implicitly. */
  markArchived(externalId: string): void
  /** Records that Flowglad answered for the customer (it exists). */
  markKnown(externalId: string): void
  /** Whether this process has seen the customer exist upstream. */
  isKnown(externalId: string): boolean
}

/** Options of `createCustomerDirectory`. */
export interface CustomerDirectoryOptions {
  /** Whether a call for a customer Flowglad does not know creates it (default true). */
  readonly implicitCreation: boolean
  /** Archived customers remembered at most. */
  readonly capacity?: number
}

const archivedMessage =
  'This billing account was archived. It is not re-created automatically: ' +
  'call customer.findOrCreate to start a new one.'
const missingMessage =
  'No Flowglad customer for this account yet: call customer.findOrCreate (e.g. at sign-up) first.'

/** Builds the customer directory over a lazily created client (bound to a budget when given one). */
export function createCustomerDirectory(
  client: (budget?: CallBudget) => Promise<FlowgladNodeClient>,
  options: CustomerDirectoryOptions = { implicitCreation: true },
): CustomerDirectory {
  const creating = createSingleFlight<string, CustomerRecord>()
  // Flowglad itself cannot tell: its lookups by externalId skip archived customers (404) and its
  // unique index on externalId is partial (archived = false), so a POST makes a fresh customer
  // (platform/flowglad-next/src/db/tableMethods/customerMethods.ts
  // selectCustomerByExternalIdAndOrganizationId; db-core/schema/customers.ts; commit 49b3368f).
  const archived = new Set<string>()
  // Customers seen to exist: a write that needs its customer first (a checkout by price slug is a
  // 400 for an unknown one) checks only for customers this process has not seen yet.
  const known = new Set<string>()
  const capacity = options.capacity ?? 10_000
  const remember = (set: Set<string>, externalId: string) => {
    set.delete(externalId)
    set.add(externalId)
    if (set.size > capacity) set.delete(set.values().next().value as string)
  }

  const create = (customer: FlowgladCustomer, budget?: CallBudget) =>
    creating.run(customer.externalId, async () => {
      const flowglad = await client(budget)
      try {
        const created = await flowglad.customers.create({
          customer: { externalId: customer.externalId, email: customer.email, name: customer.name ?? '' },
        })
        archived.delete(customer.externalId)
        remember(known, customer.externalId)
        return created.data.customer
      } catch (error) {
        // Another process (or an earlier request) created it between our read and this write:
        // Flowglad's unique index answers 409 CONFLICT (older emulators: 400). Fetch it at once;
        // the POST itself is never resent.
        if (!isUpstreamStatus(error, 409) && !isUpstreamStatus(error, 400)) throw error
        const existing = await flowglad.customers.retrieve(customer.externalId).catch(() => undefined)
        if (!existing) throw error
        remember(known, customer.externalId)
        return existing.customer
      }
    })

  return {
    create,
    createImplicitly(customer, budget) {
      if (archived.has(customer.externalId))
        return Promise.reject(new TRPCError({ code: 'NOT_FOUND', message: archivedMessage }))
      if (!options.implicitCreation)
        return Promise.reject(new TRPCError({ code: 'NOT_FOUND', message: missingMessage }))
      return create(customer, budget)
    },
    markArchived(externalId) {
      known.delete(externalId)
      remember(archived, externalId)
    },
    markKnown: (externalId) => remember(known, externalId),
    isKnown: (externalId) => known.has(externalId),
    async findOrCreate(customer, budget) {
      const flowglad = await client(budget)
      try {
        const { customer: found } = await flowglad.customers.retrieve(customer.externalId)
        remember(known, customer.externalId)
        return found
      } catch (error) {
        if (!isUpstreamStatus(error, 404)) throw error
        return create(customer, budget)
      }
    },
  }
}
