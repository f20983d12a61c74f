import { ORGANIZATION_ID } from '../constants'
import type { EmulatorStore } from '../EmulatorStore'
import { emitEvent } from '../events/emitEvent'
import { FlowgladApiError, notFound } from '../FlowgladApiError'
import type { BillingAddress, CustomerRecord, SubscriptionItemRecord, SubscriptionRecord } from '../records'
import { endSubscription } from '../subscriptions/cancelSubscription'
import { startDefaultSubscription } from '../subscriptions/startSubscription'
import { liveItems } from '../subscriptions/subscriptionItems'
import { updateRecord } from '../updateRecord'

/** Fields a customer can be created with (`CustomerClientInsertSchema`). */
export interface CustomerInput {
  email: string
  name: string
  externalId: string
  archived?: boolean | undefined
  logoURL?: string | null | undefined
  iconURL?: string | null | undefined
  domain?: string | null | undefined
  userId?: string | null | undefined
}

/** Fields a customer update may change. */
export interface CustomerPatch {
  email?: string | undefined
  name?: string | undefined
  logoURL?: string | null | undefined
  iconURL?: string | null | undefined
  domain?: string | null | undefined
  userId?: string | null | undefined
  billingAddress?: BillingAddress | null | undefined
}

/** Result of `POST /customers`: the customer and the default-plan subscription it was given. */
export interface CreatedCustomer {
  customer: CustomerRecord
  subscription?: SubscriptionRecord
  subscriptionItems?: SubscriptionItemRecord[]
}

/**
 * What Flowglad answers to a second live customer with the same externalId: the partial unique
 * index `customers_pricing_model_id_external_id_unique_idx_partial` (db-core/schema/customers.ts)
 * fails with 23505, which trpcErrorHandler maps to CONFLICT and postgresErrorParser's
 * constraint-name fallback words like this.
 */
export const DUPLICATE_EXTERNAL_ID_MESSAGE =
  'This pricing model id external id unique idx already exists. Please choose a different value.'

/**
 * Creates a customer and subscribes it to the default plan, as Flowglad's bookkeeping does.
 * An archived customer's externalId is free again (the unique index covers `archived = false` only).
 */
export function createCustomer(store: EmulatorStore, input: CustomerInput): CreatedCustomer {
  if (store.liveCustomer(input.externalId)) {
    throw new FlowgladApiError('CONFLICT', DUPLICATE_EXTERNAL_ID_MESSAGE)
  }
  const stamp = store.stamp('cus')
  const customer: CustomerRecord = {
    ...stamp,
    organizationId: ORGANIZATION_ID,
    email: input.email,
    name: input.name,
    invoiceNumberBase: stamp.id.slice(4, 11).toUpperCase(),
    archived: false,
    logoURL: input.logoURL ?? null,
    iconURL: input.iconURL ?? null,
    domain: input.domain ?? null,
    billingAddress: null,
    externalId: input.externalId,
    userId: input.userId ?? null,
    pricingModelId: store.catalog.pricingModel.id,
  }
  store.data.customers.push(customer)
  // utils/bookkeeping.ts `createCustomerBookkeeping`: customer.created, then the default plan.
  emitEvent(store, 'customer.created', customer, customer)
  const subscription = startDefaultSubscription(store, customer)
  store.changed()
  return subscription
    ? { customer, subscription, subscriptionItems: liveItems(store, subscription.id) }
    : { customer }
}

/** Applies a partial update to a customer; unknown customers are NOT_FOUND. */
export function updateCustomer(
  store: EmulatorStore,
  externalId: string,
  patch: CustomerPatch,
): CustomerRecord {
  const customer = store.customer(externalId)
  updateRecord(customer, { ...patch, updatedAt: store.now() })
  store.changed()
  return customer
}

/**
 * Archives a customer and cancels its current subscriptions (customersRouter
 * `archiveCustomerProcedure`). It looks archived customers up too, so archiving twice answers the
 * archived customer again instead of a 404; a live customer with the id wins over archived ones.
 */
export function archiveCustomer(store: EmulatorStore, externalId: string): CustomerRecord {
  const matches = store.indexes.customersByExternalId.get(externalId)
  const customer = matches.find((c) => !c.archived) ?? matches.at(-1)
  if (!customer) throw notFound('Customer with externalId', externalId)
  if (customer.archived) return customer
  const now = store.now()
  updateRecord(customer, { archived: true, updatedAt: now })
  // customersRouter `archiveCustomer`: `cancelSubscriptionImmediately` per current subscription.
  for (const subscription of store.indexes.subscriptionsByCustomer
    .get(customer.id)
    .filter((s) => s.current)) {
    endSubscription(store, subscription, 'customer_archived')
  }
  store.changed()
  return customer
}
