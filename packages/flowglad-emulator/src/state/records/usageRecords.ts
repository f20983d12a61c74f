import type { Metadata, RecordBase } from './common'

/** `UsageEventClientSelectSchema`. */
export interface UsageEventRecord extends RecordBase {
  customerId: string
  subscriptionId: string
  usageMeterId: string
  billingPeriodId: string | null
  amount: number
  usageDate: number
  transactionId: string
  priceId: string
  properties: Record<string, unknown> | null
  pricingModelId: string
}

/** `ResourceClaimClientSelectSchema`. */
export interface ResourceClaimRecord extends RecordBase {
  organizationId: string
  resourceId: string
  subscriptionId: string
  pricingModelId: string
  externalId: string | null
  claimedAt: number
  releasedAt: number | null
  releaseReason: string | null
  expiredAt: number | null
  metadata: Metadata | null
}

/** `ResourceUsageData`. */
export interface ResourceUsageData {
  resourceSlug: string
  resourceId: string
  capacity: number
  claimed: number
  available: number
}
