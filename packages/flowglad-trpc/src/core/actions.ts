// The registry: one entry per Flowglad action. The server builds its procedures from it
// (kind, access, input), and the React layer derives each mutation's invalidations from it,
// so adding an action means adding one entry here plus its handler, and the compiler
// points at every table that must learn about it.

/**
 * One section of a customer's billing state, as actions read (queries) or change (mutations) it.
 * A mutation makes stale every query that reads a section it writes.
 */
export type BillingSection =
  | 'customer'
  | 'subscriptions'
  | 'usage'
  | 'payments'
  | 'resources'
  | 'pricingModel'

/**
 * Who may call an action: anyone, anyone (customer-aware), a resolved customer, or server code only.
 * `'server'` actions (Flowglad's server-only methods) exist on `flowglad.forCustomer(...)` and are never
 * mounted on the tRPC router, so no browser can reach them.
 */
export type ActionAccess = 'public' | 'hybrid' | 'customer' | 'server'

/** The access levels that become tRPC procedures. */
export type ProcedureAccess = Exclude<ActionAccess, 'server'>

/** A read: a tRPC query and the billing sections its result depends on. */
export interface QueryAction {
  readonly kind: 'query'
  readonly access: ActionAccess
  readonly reads: readonly BillingSection[]
}

/** A write: a tRPC mutation and the billing sections it changes. */
export interface MutationAction {
  readonly kind: 'mutation'
  readonly access: ActionAccess
  readonly writes: readonly BillingSection[]
}

/** One Flowglad action. */
export type ActionDefinition = QueryAction | MutationAction

// Access stays a literal type so the server can type each handler's context (customer or not).
const query = <const A extends ActionAccess, const R extends readonly BillingSection[]>(
  access: A,
  reads: R,
) => ({ kind: 'query', access, reads }) as const
const mutation = <const A extends ActionAccess, const W extends readonly BillingSection[]>(
  access: A,
  writes: W,
) => ({ kind: 'mutation', access, writes }) as const

/** The sections `CustomerBilling` is made of: a billing read depends on all of them. */
const customerBillingSections = ['customer', 'subscriptions', 'usage', 'payments', 'pricingModel'] as const

/** Every Flowglad procedure, nested as it is mounted under the app's `flowglad` router. */
export const flowgladActions = {
  pricing: {
    default: query('public', ['pricingModel']),
    get: query('hybrid', ['pricingModel']),
  },
  billing: {
    get: query('customer', customerBillingSections),
  },
  customer: {
    get: query('customer', ['customer']),
    findOrCreate: mutation('customer', ['customer']),
    update: mutation('customer', ['customer']),
    // Archiving also ends the customer's current subscriptions (and with them usage and resources).
    archive: mutation('server', ['customer', 'subscriptions', 'usage', 'resources']),
  },
  checkout: {
    // Checkout completes on Flowglad's hosted page, not here: creating a session changes nothing yet.
    create: mutation('customer', []),
    createAddPaymentMethod: mutation('customer', []),
    createActivateSubscription: mutation('customer', []),
  },
  subscriptions: {
    list: query('customer', ['subscriptions']),
    cancel: mutation('customer', ['subscriptions']),
    uncancel: mutation('customer', ['subscriptions']),
    // An upgrade grants credits and bills at once; a downgrade changes the plan's items.
    adjust: mutation('customer', ['subscriptions', 'usage', 'payments', 'resources']),
    // Server-only, as in Flowglad's SDK (its route answers 501): subscribing without a checkout.
    create: mutation('server', ['subscriptions', 'usage', 'payments', 'resources']),
  },
  usageEvents: {
    create: mutation('customer', ['usage']),
    // Server-only, as in Flowglad's SDK (no route): e.g. a worker flushing metered usage in batches.
    bulkCreate: mutation('server', ['usage']),
  },
  usageMeters: {
    balances: query('customer', ['subscriptions', 'usage']),
  },
  features: {
    access: query('customer', ['subscriptions']),
  },
  paymentMethods: {
    list: query('customer', ['payments']),
  },
  invoices: {
    list: query('customer', ['payments']),
  },
  purchases: {
    list: query('customer', ['payments']),
  },
  resources: {
    list: query('customer', ['subscriptions', 'resources']),
    get: query('customer', ['subscriptions', 'resources']),
    claims: query('customer', ['resources']),
    claim: mutation('customer', ['resources']),
    release: mutation('customer', ['resources']),
  },
} as const satisfies Record<string, Record<string, ActionDefinition>>

/** The registry's type. */
export type FlowgladActions = typeof flowgladActions

/** Paths (`'group.name'`) of the registry actions whose definition extends `TMatch`. */
type PathsWhere<TMatch> = {
  [G in keyof FlowgladActions]: {
    [A in keyof FlowgladActions[G]]: FlowgladActions[G][A] extends TMatch
      ? `${G & string}.${A & string}`
      : never
  }[keyof FlowgladActions[G]]
}[keyof FlowgladActions]

/** `'billing.get'`, `'subscriptions.cancel'`, ...: every procedure's path under the Flowglad router. */
export type ActionPath = PathsWhere<{ readonly access: ProcedureAccess }>

/** `'subscriptions.create'`, ...: the server-only actions (on `forCustomer`, never on the router). */
export type ServerActionPath = PathsWhere<{ readonly access: 'server' }>

/** Paths of the procedures that are queries. */
export type QueryPath = PathsWhere<{ readonly kind: 'query'; readonly access: ProcedureAccess }>

/** Paths of the procedures that are mutations. */
export type MutationPath = Exclude<ActionPath, QueryPath>

/** Whether an action becomes a tRPC procedure (everything but server-only actions). */
export function isProcedure(action: ActionDefinition): boolean {
  return action.access !== 'server'
}

/** Looks an action up by its dotted path. */
export function getAction(path: ActionPath | ServerActionPath): ActionDefinition {
  const [group, name] = path.split('.') as [keyof FlowgladActions, string]
  return (flowgladActions[group] as Record<string, ActionDefinition>)[name]!
}

/** Every registry path, server-only actions included, in registry order. */
const registryPaths: readonly (ActionPath | ServerActionPath)[] = Object.entries(flowgladActions).flatMap(
  ([group, actions]) =>
    Object.keys(actions).map((name) => `${group}.${name}` as ActionPath | ServerActionPath),
)

/** Every procedure path, in registry order. */
export const actionPaths: readonly ActionPath[] = registryPaths.filter((path): path is ActionPath =>
  isProcedure(getAction(path)),
)

/** Every server-only action path, in registry order. */
export const serverActionPaths: readonly ServerActionPath[] = registryPaths.filter(
  (path): path is ServerActionPath => !isProcedure(getAction(path)),
)

/**
 * The queries a mutation makes stale: every query that reads data the mutation writes.
 * Derived from the registry, so a new query or mutation is invalidated correctly without a key list.
 */
export function queriesInvalidatedBy(path: MutationPath): QueryPath[] {
  const action = getAction(path)
  if (action.kind !== 'mutation') return []
  const writes = new Set<BillingSection>(action.writes)
  return actionPaths.filter((candidate): candidate is QueryPath => {
    const other = getAction(candidate)
    return other.kind === 'query' && other.reads.some((data) => writes.has(data))
  })
}
