'use client'

// The React entry: hooks over the app's own tRPC client and QueryClient. Never imports server
// code or zod schemas (only the zod-free registry and billing helpers from core).

export { createFlowgladHooks, type FlowgladHooksOptions } from './createFlowgladHooks'
export { FlowgladCustomerBoundary, type FlowgladCustomerBoundaryProps } from './FlowgladCustomerBoundary'
export type * from './FlowgladHooks'
export type * from './hookResults'
export { isCustomerQuery, resetFlowgladCustomer } from './resetFlowgladCustomer'
export type * from './routerTypes'
