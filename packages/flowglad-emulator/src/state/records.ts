/**
 * Wire records, shaped exactly like Flowglad's openapi response schemas.
 * State stores these records as-is so responses are plain reads, not translations.
 */
export type * from './records/billingRecords'
export type * from './records/catalogRecords'
export type * from './records/common'
export type * from './records/customerRecords'
export type * from './records/subscriptionRecords'
export type * from './records/usageRecords'
