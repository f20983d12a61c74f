import type { Route } from './defineRoute'
import { customerRoutes } from './routes/customerRoutes'
import { pricingModelRoutes } from './routes/pricingModelRoutes'

/** Every `/api/v1` route the emulator serves. */
export const apiRoutes: readonly Route[] = [...customerRoutes, ...pricingModelRoutes]
