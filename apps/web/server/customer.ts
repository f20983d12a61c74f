import 'server-only'
import type { FlowgladCustomer } from 'flowglad-trpc/server'
import type { Session } from './auth'

/** The Flowglad customer for a session: the app's user id is the customer's external id. */
export function customerOf(session: Session): FlowgladCustomer
export function customerOf(session: Session | null): FlowgladCustomer | null
export function customerOf(session: Session | null): FlowgladCustomer | null {
  return session ? { externalId: session.user.id, email: session.user.email, name: session.user.name } : null
}
