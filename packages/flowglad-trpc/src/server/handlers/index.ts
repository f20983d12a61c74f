import type { HandlerTable } from '../engine/defineHandler'
import { billingHandlers } from './billing'
import { checkoutHandlers } from './checkout'
import { customerHandlers } from './customer'
import { featureHandlers } from './features'
import { invoiceHandlers, paymentMethodHandlers, purchaseHandlers } from './payments'
import { pricingHandlers } from './pricing'
import { resourceHandlers } from './resources'
import { subscriptionHandlers } from './subscriptions'
import { usageEventHandlers, usageMeterHandlers } from './usage'

/**
 * Every registry action's server side, nested like `flowgladActions`. `satisfies HandlerTable`
 * makes a new registry action (or a changed access level) a compile error until it is handled here.
 */
export const flowgladHandlers = {
  pricing: pricingHandlers,
  billing: billingHandlers,
  customer: customerHandlers,
  checkout: checkoutHandlers,
  subscriptions: subscriptionHandlers,
  usageEvents: usageEventHandlers,
  usageMeters: usageMeterHandlers,
  features: featureHandlers,
  paymentMethods: paymentMethodHandlers,
  invoices: invoiceHandlers,
  purchases: purchaseHandlers,
  resources: resourceHandlers,
} satisfies HandlerTable

/** The handlers table's type. */
export type FlowgladHandlers = typeof flowgladHandlers
