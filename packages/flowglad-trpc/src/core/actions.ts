// The registry: one entry per Flowglad action. The server builds its procedures from it
// (kind, access, input), and the React layer derives each mutation's invalidations from it,
// so adding an action means adding one entry here plus its handler, and the compiler
// points at every table that must learn about it.

/** Which customer data an action reads (queries) or changes (mutations). */
export type BillingData = 'customer' | 'subscriptions' | 'usage' | 'payments' | 'resources' | 'pricingModel'

/** Who may call a procedure: anyone, anyone (customer-aware), or a resolved customer only. */
export type ActionAccess = 'public' | 'hybrid' | 'customer'

/** A read: a tRPC query and the customer data its result depends on. */
export interface QueryAction {
  readonly kind: 'query'
  readonly access: ActionAccess
  readonly reads: readonly BillingData[]
}

/** A write: a tRPC mutation and the customer data it changes. */
export interface MutationAction {
  readonly kind: 'mutation'
  readonly access: ActionAccess
  readonly writes: readonly BillingData[]
}

/** One Flowglad action. */
export type ActionDefinition = QueryAction | MutationAction

// Access stays a literal type so the server can type each handler's context (customer or not).
const query = <const A extends ActionAccess, const R extends readonly BillingData[]>(access: A, reads: R) =>
  ({ kind: 'query', access, reads }) as const
const mutation = <const A extends ActionAccess, const W extends readonly BillingData[]>(
  access: A,
  writes: W,
) => ({ kind: 'mutation', access, writes }) as const

/** Everything the billing payload is made of: a billing read depends on all of it. */
const billingPayload = ['customer', 'subscriptions', 'usage', 'payments', 'pricingModel'] as const

/** Every Flowglad procedure, nested as it is mounted under the app's `flowglad` router. */
export const flowgladActions = {
  pricing: {
    default: query('public', ['pricingModel']),
    get: query('hybrid', ['pricingModel']),
  },
  billing: {
    get: query('customer', billingPayload),
  },
  customer: {
    get: query('customer', ['customer']),
    findOrCreate: mutation('customer', ['customer']),
    update: mutation('customer', ['customer']),
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
  },
  usageEvents: {
    create: mutation('customer', ['usage']),
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

/** `'billing.get'`, `'subscriptions.cancel'`, ...: every action's path under the Flowglad router. */
export type ActionPath = {
  [G in keyof FlowgladActions]: `${G & string}.${keyof FlowgladActions[G] & string}`
}[keyof FlowgladActions]

/** Paths of the actions that are queries. */
export type QueryPath = {
  [G in keyof FlowgladActions]: {
    [A in keyof FlowgladActions[G]]: FlowgladActions[G][A] extends QueryAction
      ? `${G & string}.${A & string}`
      : never
  }[keyof FlowgladActions[G]]
}[keyof FlowgladActions]

/** Paths of the actions that are mutations. */
export type MutationPath = Exclude<ActionPath, QueryPath>

/** Looks an action up by its dotted path. */
export function getAction(path: ActionPath): ActionDefinition {
  const [group, name] = path.split('.') as [keyof FlowgladActions, string]
  return (flowgladActions[group] as Record<string, ActionDefinition>)[name]!
}

/** Every action path, in registry order. */
export const actionPaths: readonly ActionPath[] = Object.entries(flowgladActions).flatMap(
  ([group, actions]) => Object.keys(actions).map((name) => `${group}.${name}` as ActionPath),
)

/**
 * The queries a mutation makes stale: every query that reads data the mutation writes.
 * Derived from the registry, so a new query or mutation is invalidated correctly without a key list.
 */
export function queriesInvalidatedBy(path: MutationPath): QueryPath[] {
  const action = getAction(path)
  if (action.kind !== 'mutation') return []
  const writes = new Set<BillingData>(action.writes)
  return actionPaths.filter((candidate): candidate is QueryPath => {
    const other = getAction(candidate)
    return other.kind === 'query' && other.reads.some((data) => writes.has(data))
  })
}
