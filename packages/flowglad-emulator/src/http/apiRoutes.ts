import type { Route } from './defineRoute'
import { catalogAdminRoutes } from './routes/catalogAdminRoutes'
import { checkoutRoutes } from './routes/checkoutRoutes'
import { customerRoutes } from './routes/customerRoutes'
import { listRoutes } from './routes/listRoutes'
import { pricingModelRoutes } from './routes/pricingModelRoutes'
import { resourceClaimRoutes } from './routes/resourceClaimRoutes'
import { retrieveRoutes } from './routes/retrieveRoutes'
import { subscriptionRoutes } from './routes/subscriptionRoutes'
import { usageEventRoutes } from './routes/usageEventRoutes'

/** Every `/api/v1` route the emulator serves. */
export const apiRoutes: readonly Route[] = [
  ...customerRoutes,
  ...pricingModelRoutes,
  ...checkoutRoutes,
  ...subscriptionRoutes,
  ...usageEventRoutes,
  ...resourceClaimRoutes,
  ...listRoutes,
  ...retrieveRoutes,
  ...catalogAdminRoutes,
]
