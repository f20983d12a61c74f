// Framework-free core: the action registry, input validators' types, billing helpers and error codes.
export * from './actions'
export * from './billingCurrency'
export * from './billingHelpers'
export * from './billingSelectors'
export * from './billingTypes'
export {
  describeFlowgladError,
  FLOWGLAD_FAILURE_KEY,
  type FlowgladErrorDescription,
  type FlowgladErrorKind,
  flowgladErrorMessages,
} from './describeFlowgladError'
export {
  errorCodeByFailure,
  type FlowgladErrorCode,
  type FlowgladErrorData,
  type FlowgladFailure,
  type FlowgladWriteOutcome,
  failureFromStatus,
  messageByFailure,
} from './errors'
export * from './refusal'
export * from './slugs'
