import type { OperationTable } from '../operation'
import { billingOperations } from './billing'
import { checkoutOperations } from './checkout'
import { customerOperations } from './customer'
import { featureOperations } from './features'
import { invoiceOperations, paymentMethodOperations, purchaseOperations } from './payments'
import { pricingOperations } from './pricing'
import { resourceOperations } from './resources'
import { subscriptionOperations } from './subscriptions'
import { usageEventOperations, usageMeterOperations } from './usage'

/**
 * Every registry action's server side, nested like `flowgladActions`. `satisfies OperationTable`
 * makes a new registry action (or a changed access level) a compile error until it is handled here.
 */
export const flowgladOperations = {
  pricing: pricingOperations,
  billing: billingOperations,
  customer: customerOperations,
  checkout: checkoutOperations,
  subscriptions: subscriptionOperations,
  usageEvents: usageEventOperations,
  usageMeters: usageMeterOperations,
  features: featureOperations,
  paymentMethods: paymentMethodOperations,
  invoices: invoiceOperations,
  purchases: purchaseOperations,
  resources: resourceOperations,
} satisfies OperationTable

/** The operations table's type. */
export type FlowgladOperations = typeof flowgladOperations
