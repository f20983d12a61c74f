// Framework-free core: the action registry, input validators' types, billing helpers and error codes.
export * from './actions'
export * from './billingTypes'
export * from './billingHelpers'
export * from './billingSelectors'
export * from './errors'
