// Names the docs' code blocks use without defining them: the reader's own app. Every block is
// compiled with these in scope (test/docs/docSnippets.test.ts); imports of the app's own modules
// (`./x`, `@/x`, `~/x`) resolve to `snippetApp/<x's last segment>.ts` when it exists, else here.
// A doc using a new name of the reader's app adds it here, typed as a real app would have it.
import type { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { createFlowglad, createFlowgladRouter } from '../../../src/server'
import { type Context, publicProcedure, type Session, t } from './trpc'

export { FlowgladCustomerBoundary } from '../../../src/react'
export * from './trpc'

/** The app's Flowglad client. */
export const flowglad = createFlowglad({ apiKey: process.env.FLOWGLAD_SECRET_KEY })
/** One of the app's own routers. */
export const projectsRouter = t.router({ list: publicProcedure.query(() => [] as string[]) })
/** The app's Flowglad router. */
export const flowgladRouter = createFlowgladRouter({
  flowglad,
  router: t.router,
  procedure: publicProcedure,
  customer: ({ ctx }) =>
    ctx.session
      ? { externalId: ctx.session.user.id, email: ctx.session.user.email, name: ctx.session.user.name }
      : null,
})
/** The app's router with Flowglad mounted at `flowglad`. */
export const appRouter = t.router({ projects: projectsRouter, flowglad: flowgladRouter })
/** The app's router type. */
export type AppRouter = typeof appRouter

/** A procedure's context. */
export declare const ctx: Context
/** The current session. */
export declare const session: Session | null
/** The signed-in user. */
export declare const user: Session['user']
/** A Flowglad customer as the resolver returns it. */
export declare const customer: { externalId: string; email: string; name: string }
/** The app's QueryClient. */
export declare const queryClient: QueryClient
/** A layout's children. */
export declare const children: ReactNode
/** Usage events for `bulkCreate`. */
export declare const usageEvents: Parameters<
  ReturnType<typeof flowglad.forCustomer>['usageEvents']['bulkCreate']
>[0]['usageEvents']
/** The app's membership check for an organization. */
export declare function getOrganizationWithOwner(
  orgId: string,
  userId: string,
): Promise<{ id: string; name: string; owner: { email: string } } | null>

/** The app's own components. */
export declare function Analytics(): ReactNode
export declare function UpgradeButton(): ReactNode
export declare function Upgrade(): ReactNode
export declare function Dashboard(): ReactNode
export declare function ChoosePlan(props: { priceSlug: string }): ReactNode

/** The app's own work behind the docs' gated procedures. */
export declare function exportCsv(): string
export declare function doTheWork(calls: number): { done: number }
/** An error a mutation rejected with. */
export declare const error: unknown
/** The app's upgrade prompt. */
export declare function offer(...offers: unknown[]): void
