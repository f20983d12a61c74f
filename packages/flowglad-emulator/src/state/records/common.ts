/** Building blocks shared by every Flowglad wire record. */
/** Free-form metadata attached to records. */
export type Metadata = Record<string, string | number | boolean>

/** Fields every Flowglad record carries. */
export interface RecordBase {
  id: string
  createdAt: number
  updatedAt: number
  livemode: boolean
}

/** Billing interval unit of a recurring price. */
export type IntervalUnit = 'day' | 'week' | 'month' | 'year'

/** A customer's postal billing address. */
export interface BillingAddress {
  name?: string | null
  firstName?: string | null
  lastName?: string | null
  email?: string | null
  phone?: string | null
  address: {
    name?: string | null
    line1?: string | null
    line2?: string | null
    city?: string | null
    state?: string | null
    postal_code?: string | null
    country: string
  }
}
