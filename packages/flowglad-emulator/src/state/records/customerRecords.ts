import type { BillingAddress, RecordBase } from './common'

/** `CustomerClientSelectSchema`. */
export interface CustomerRecord extends RecordBase {
  organizationId: string
  email: string
  name: string
  invoiceNumberBase: string | null
  archived: boolean
  logoURL: string | null
  iconURL: string | null
  domain: string | null
  billingAddress?: BillingAddress | null
  externalId: string
  userId: string | null
  pricingModelId: string
}
