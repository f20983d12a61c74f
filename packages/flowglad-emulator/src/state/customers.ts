import { ORGANIZATION_ID } from './constants'
import type { EmulatorStore } from './EmulatorStore'
import { badRequest } from './FlowgladApiError'
import type { BillingAddress, CustomerRecord, SubscriptionItemRecord, SubscriptionRecord } from './records'
import { startDefaultSubscription } from './startSubscription'
import { liveItems } from './subscriptionItems'

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

/** Creates a customer and subscribes it to the default plan, as Flowglad's bookkeeping does. */
export function createCustomer(store: EmulatorStore, input: CustomerInput): CreatedCustomer {
  if (store.data.customers.some((c) => c.externalId === input.externalId && !c.archived)) {
    throw badRequest(`A customer with externalId ${input.externalId} already exists`)
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
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) Object.assign(customer, { [key]: value })
  }
  customer.updatedAt = store.now()
  store.changed()
  return customer
}

/** Archives a customer and cancels its current subscriptions. */
export function archiveCustomer(store: EmulatorStore, externalId: string): CustomerRecord {
  const customer = store.customer(externalId)
  const now = store.now()
  customer.archived = true
  customer.updatedAt = now
  for (const subscription of store.data.subscriptions) {
    if (subscription.customerId !== customer.id || !subscription.current) continue
    Object.assign(subscription, {
      status: 'canceled',
      current: false,
      canceledAt: now,
      cancellationReason: 'customer_archived',
      updatedAt: now,
    })
  }
  store.changed()
  return customer
}
