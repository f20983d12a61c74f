import type { FlowgladActions, MutationPath, QueryPath } from '../core/actions'

// What the React layer needs of the registry, and nothing more: which queries each mutation makes
// stale, and which queries hold customer data. The registry itself (`core/actions.ts`) also carries
// every action's access and the server-only actions, which no browser needs; importing it would
// ship all of that in every app. These tables are derived from it by the compiler: the types
// below recompute both from the registry, and the file does not compile unless each table says
// exactly what the registry implies (a new action or a changed `reads`/`writes` points here).

type ActionAt<P extends string> = P extends `${infer G extends keyof FlowgladActions}.${infer A}`
  ? FlowgladActions[G][A & keyof FlowgladActions[G]]
  : never
type Reads<Q extends string> = ActionAt<Q> extends { readonly reads: readonly (infer D)[] } ? D : never
type Writes<M extends string> = ActionAt<M> extends { readonly writes: readonly (infer D)[] } ? D : never

/** The queries that read data `M` writes (what `queriesInvalidatedBy(M)` answers at run time). */
type InvalidatedBy<M extends MutationPath> = {
  [Q in QueryPath]: [Reads<Q> & Writes<M>] extends [never] ? never : Q
}[QueryPath]

/** The queries holding customer data: every query but the public ones. */
type CustomerQuery = {
  [Q in QueryPath]: ActionAt<Q> extends { readonly access: 'public' } ? never : Q
}[QueryPath]

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
/** Fails to compile unless every entry is `true`; the failing key names the table entry that drifted. */
type Holds<T extends Record<string, true>> = T

/** Per mutation, the queries it makes stale. */
export const invalidatedBy = {
  'customer.findOrCreate': ['billing.get', 'customer.get'],
  'customer.update': ['billing.get', 'customer.get'],
  'checkout.create': [],
  'checkout.createAddPaymentMethod': [],
  'checkout.createActivateSubscription': [],
  'subscriptions.cancel': [
    'billing.get',
    'subscriptions.list',
    'usageMeters.balances',
    'features.access',
    'resources.list',
    'resources.get',
  ],
  'subscriptions.uncancel': [
    'billing.get',
    'subscriptions.list',
    'usageMeters.balances',
    'features.access',
    'resources.list',
    'resources.get',
  ],
  'subscriptions.adjust': [
    'billing.get',
    'subscriptions.list',
    'usageMeters.balances',
    'features.access',
    'paymentMethods.list',
    'invoices.list',
    'purchases.list',
    'resources.list',
    'resources.get',
    'resources.claims',
  ],
  'usageEvents.create': ['billing.get', 'usageMeters.balances'],
  'resources.claim': ['resources.list', 'resources.get', 'resources.claims'],
  'resources.release': ['resources.list', 'resources.get', 'resources.claims'],
} as const satisfies Record<MutationPath, readonly QueryPath[]>

/** The Flowglad queries that hold customer data (all but the public default pricing model). */
export const customerQueries = [
  'pricing.get',
  'billing.get',
  'customer.get',
  'subscriptions.list',
  'usageMeters.balances',
  'features.access',
  'paymentMethods.list',
  'invoices.list',
  'purchases.list',
  'resources.list',
  'resources.get',
  'resources.claims',
] as const satisfies readonly QueryPath[]

/** Compile-time proof that both tables are what the registry implies (see the top of the file). */
export type ClientRegistryMatches = Holds<
  { [M in MutationPath]: Same<(typeof invalidatedBy)[M][number], InvalidatedBy<M>> } & {
    customerQueries: Same<(typeof customerQueries)[number], CustomerQuery>
  }
>
