import type { BoundHooks } from './defineHook'
import type { flowgladHooks } from './hooks'
import type { FlowgladTypes } from './routerTypes'

export type { FlowgladCustomerCache } from './useCustomerCache'

/** The hooks `createFlowgladHooks(trpc)` returns, typed from the app's router (one per registry entry). */
export interface FlowgladHooks<T extends FlowgladTypes> extends BoundHooks<typeof flowgladHooks, T> {}
