import type { EmulatorStore } from '../state/EmulatorStore'
import type { PortalLinks } from './PortalLinks'

/** What every hosted page reads besides the store. */
export interface PageContext {
  store: EmulatorStore
  portalLinks: PortalLinks
  /** Origins (`http://localhost:3000`) pages may link or redirect back to (`--app-origin`). */
  appOrigins: ReadonlySet<string>
  /** Shown at the top of checkout and portal, where Flowglad shows the seller organization's name. */
  merchantName: string
}
