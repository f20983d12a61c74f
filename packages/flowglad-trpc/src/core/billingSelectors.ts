import type {
  FeatureItemLike,
  SubscriptionLike,
  SubscriptionScope,
  SubscriptionUsageMeterBalance,
} from './billingTypes'

// Flowglad's narrow reads (subscriptions/list, features/access, usage-meters/balances, ...)
// computed from one billing payload, with the semantics of Flowglad's server methods
// (sdk-reference §2.2). The React hooks use them as `select`s over the single `billing.get`
// query, so a page of narrow hooks shares one request and one upstream fetch.

/** The subscription fields the selectors read. */
interface SubscriptionsLike<S> {
  readonly subscriptions: readonly S[]
  readonly currentSubscriptions?: readonly S[]
}

/** `subscriptions/list`: current subscriptions (all with `includeHistorical`), the first current one. */
export function selectSubscriptions<S>(
  billing: SubscriptionsLike<S>,
  params?: { readonly includeHistorical?: boolean },
): { subscriptions: S[]; currentSubscriptions: S[]; currentSubscription: S | null } {
  const current = [...(billing.currentSubscriptions ?? [])]
  return {
    subscriptions: params?.includeHistorical ? [...billing.subscriptions] : current,
    currentSubscriptions: current,
    // Flowglad's list takes `currentSubscriptions[0]`, not the upstream `currentSubscription`.
    currentSubscription: current[0] ?? null,
  }
}

/** A toggle feature the customer can use, as Flowglad's `features/access` lists it. */
export interface FeatureAccessItem {
  id: string
  livemode: boolean
  slug: string
  name: string
}

/**
 * A subscription's feature items: the top-level `featureItems` when present (newer payloads; an
 * empty list is an answer, hence `??`), else `experimental.featureItems`. Flowglad's
 * `checkFeatureAccess` reads them so; its `features/access` reads only the experimental list.
 * One rule here, so `useFeature(slug).hasAccess` and `billing.checkFeatureAccess(slug)` agree.
 */
export function featureItemsOf(subscription: SubscriptionLike): readonly FeatureItemLike[] {
  return subscription.featureItems ?? subscription.experimental?.featureItems ?? []
}

function scoped<S extends SubscriptionLike>(
  subscriptions: readonly S[],
  scope?: SubscriptionScope,
): readonly S[] {
  if (scope?.subscriptionId === undefined) return subscriptions
  return subscriptions.filter((subscription) => subscription.id === scope.subscriptionId)
}

/** `features/access`: toggle items of the current subscriptions (or the scoped one), first of each slug wins. */
export function selectFeatures<S extends SubscriptionLike>(
  billing: { readonly currentSubscriptions?: readonly S[] },
  scope?: SubscriptionScope,
): FeatureAccessItem[] {
  const bySlug = new Map<string, FeatureAccessItem>()
  for (const subscription of scoped(billing.currentSubscriptions ?? [], scope)) {
    for (const item of featureItemsOf(subscription)) {
      if (item.type !== 'toggle' || bySlug.has(item.slug)) continue
      bySlug.set(item.slug, {
        id: item.id,
        livemode: item.livemode ?? false,
        slug: item.slug,
        name: item.name ?? '',
      })
    }
  }
  return [...bySlug.values()]
}

/** `usage-meters/balances`: the meter balances of the current subscriptions. */
export function selectUsageMeters<S extends SubscriptionLike>(
  billing: { readonly currentSubscriptions?: readonly S[] },
  scope?: SubscriptionScope,
): SubscriptionUsageMeterBalance<S>[] {
  return scoped(billing.currentSubscriptions ?? [], scope).flatMap(
    (subscription) =>
      (subscription.experimental?.usageMeterBalances ?? []) as readonly SubscriptionUsageMeterBalance<S>[],
  )
}

/** Flowglad's cursor paging: items after `startingAfter` (ignored when unknown), at most `limit`. */
export interface PageParams {
  readonly limit?: number
  readonly startingAfter?: string
}

/** Pages a list the way Flowglad's `invoices/list` and `purchases/list` do. */
export function selectPage<T>(items: readonly T[], idOf: (item: T) => string, params?: PageParams): T[] {
  const cursor =
    params?.startingAfter === undefined ? -1 : items.findIndex((item) => idOf(item) === params.startingAfter)
  const after = items.slice(cursor + 1)
  return params?.limit === undefined ? after : after.slice(0, params.limit)
}

/** Flowglad's `CustomerDetails`: timestamps as ISO strings, absent names as null. */
export interface CustomerDetails {
  id: string
  livemode: boolean
  email: string
  name: string | null
  externalId: string | null
  createdAt: string
  updatedAt: string
}

/** The customer fields {@link selectCustomerDetails} reads. */
export interface CustomerLike {
  readonly id: string
  readonly livemode: boolean
  readonly email: string
  readonly name?: string | null
  readonly externalId?: string | null
  readonly createdAt: number | string
  readonly updatedAt: number | string
}

const toIso = (time: number | string): string =>
  typeof time === 'number' ? new Date(time).toISOString() : time

/** `customerDetails`: the customer as Flowglad's details endpoint returns it. */
export function selectCustomerDetails(customer: CustomerLike): CustomerDetails {
  return {
    id: customer.id,
    livemode: customer.livemode,
    email: customer.email,
    name: customer.name ?? null,
    externalId: customer.externalId ?? null,
    createdAt: toIso(customer.createdAt),
    updatedAt: toIso(customer.updatedAt),
  }
}
