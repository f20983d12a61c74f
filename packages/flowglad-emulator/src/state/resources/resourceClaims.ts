import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError, notFound } from '../FlowgladApiError'
import type { Metadata, ResourceClaimRecord, ResourceRecord, ResourceUsageData } from '../records'
import { liveItems } from '../subscriptions/subscriptionItems'
import { updateRecord } from '../updateRecord'

/** Which resource, by slug or id. */
export interface ResourceRef {
  resourceSlug?: string | undefined
  resourceId?: string | undefined
}

/** What to claim: exactly one of a count of anonymous claims, one external id, or several. */
export interface ClaimInput {
  resourceSlug: string
  metadata?: Metadata | undefined
  quantity?: number | undefined
  externalId?: string | undefined
  externalIds?: string[] | undefined
}

/** What to release: exactly one of a count of anonymous claims, external id(s), or claim ids. */
export interface ReleaseInput {
  resourceSlug: string
  quantity?: number | undefined
  externalId?: string | undefined
  externalIds?: string[] | undefined
  claimIds?: string[] | undefined
}

/** A resource's usage on a subscription and its active claims. */
export interface ResourceUsage {
  usage: ResourceUsageData
  claims: ResourceClaimRecord[]
}

/**
 * A `panic(message)` in resources/resourceClaimHelpers.ts: it escapes the domain-error middleware,
 * so Flowglad answers 500 INTERNAL_SERVER_ERROR with the message as written.
 */
const claimPanic = (message: string) => new FlowgladApiError('INTERNAL_SERVER_ERROR', message)

/**
 * Flowglad's `CapacityExceededError` (src/errors.ts), a 400 on the wire (seen on the oracle):
 * `No available capacity. Requested: R, Available: A, Total capacity: T`.
 */
const capacityExceeded = (requested: number, available: number, total: number) =>
  new FlowgladApiError(
    'BAD_REQUEST',
    `No available capacity. Requested: ${requested}, Available: ${available}, Total capacity: ${total}`,
  )

function resource(store: EmulatorStore, ref: ResourceRef): ResourceRecord {
  if (ref.resourceId) {
    const byId = store.catalog.resourcesById.get(ref.resourceId)
    if (!byId) throw notFound('Resource', ref.resourceId)
    return byId
  }
  const found = store.catalog.resourcesBySlug.get(ref.resourceSlug ?? '')
  // resourceClaimHelpers.ts `findResourceBySlug`
  if (!found) throw claimPanic(`Resource with slug "${ref.resourceSlug ?? ''}" not found in pricing model`)
  return found
}

/** Whether any live item of the subscription carries a feature for the resource. */
function hasResourceFeature(store: EmulatorStore, subscriptionId: string, resourceId: string): boolean {
  const itemIds = new Set(liveItems(store, subscriptionId).map((item) => item.id))
  return store.data.subscriptionItemFeatures.some(
    (f) => itemIds.has(f.subscriptionItemId) && f.expiredAt === null && f.resourceId === resourceId,
  )
}

/** Capacity = Σ feature amount × item quantity over the subscription's live resource features. */
function capacity(store: EmulatorStore, subscriptionId: string, resourceId: string): number {
  return liveItems(store, subscriptionId).reduce((total, item) => {
    const features = store.data.subscriptionItemFeatures.filter(
      (f) => f.subscriptionItemId === item.id && f.expiredAt === null && f.resourceId === resourceId,
    )
    return total + features.reduce((sum, f) => sum + (f.amount ?? 0) * item.quantity, 0)
  }, 0)
}

function activeClaims(
  store: EmulatorStore,
  subscriptionId: string,
  resourceId: string,
): ResourceClaimRecord[] {
  return store.data.resourceClaims.filter(
    (c) => c.subscriptionId === subscriptionId && c.resourceId === resourceId && c.releasedAt === null,
  )
}

function usageOf(store: EmulatorStore, subscriptionId: string, found: ResourceRecord): ResourceUsage {
  const claims = activeClaims(store, subscriptionId, found.id)
  const total = capacity(store, subscriptionId, found.id)
  return {
    usage: {
      resourceSlug: found.slug,
      resourceId: found.id,
      capacity: total,
      claimed: claims.length,
      available: Math.max(total - claims.length, 0),
    },
    claims,
  }
}

/** Usage of one resource on a subscription. */
export function resourceUsage(store: EmulatorStore, subscriptionId: string, ref: ResourceRef): ResourceUsage {
  store.subscription(subscriptionId)
  return usageOf(store, subscriptionId, resource(store, ref))
}

/** Usage of every resource (optionally only the named ones) on a subscription. */
export function resourceUsages(
  store: EmulatorStore,
  subscriptionId: string,
  filter: { resourceSlugs?: string[] | undefined; resourceIds?: string[] | undefined } = {},
): ResourceUsage[] {
  store.subscription(subscriptionId)
  return store.catalog.resources
    .filter((r) => !filter.resourceSlugs || filter.resourceSlugs.includes(r.slug))
    .filter((r) => !filter.resourceIds || filter.resourceIds.includes(r.id))
    .map((r) => usageOf(store, subscriptionId, r))
}

/** Active claims on a subscription, optionally for one resource. */
export function listResourceClaims(store: EmulatorStore, subscriptionId: string, resourceSlug?: string) {
  store.subscription(subscriptionId)
  const only = resourceSlug ? resource(store, { resourceSlug }).id : undefined
  return store.data.resourceClaims.filter(
    (c) => c.subscriptionId === subscriptionId && c.releasedAt === null && (!only || c.resourceId === only),
  )
}

/**
 * Claims units of a resource. Claims by external id are idempotent (an active claim with that id
 * is returned again). Going over capacity fails and claims nothing.
 */
export function claimResource(store: EmulatorStore, subscriptionId: string, input: ClaimInput) {
  const subscription = store.subscription(subscriptionId)
  // resourceClaimHelpers.ts `claimResourceTransaction`: terminal states refuse, then the resource
  // must be in the model and granted by a live feature, then capacity decides.
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    throw claimPanic(
      `Cannot claim resources: Subscription ${subscription.id} is not active (status: ${subscription.status})`,
    )
  }
  const found = resource(store, input)
  if (!hasResourceFeature(store, subscriptionId, found.id)) {
    throw claimPanic(`No Resource feature found for resource ${found.id} in subscription ${subscription.id}`)
  }
  const active = activeClaims(store, subscriptionId, found.id)
  const wanted: Array<string | null> = input.externalIds ?? (input.externalId ? [input.externalId] : [])
  if (input.quantity !== undefined) wanted.push(...Array.from({ length: input.quantity }, () => null))
  const existing = active.filter((c) => c.externalId !== null && wanted.includes(c.externalId))
  const fresh = [...new Set(wanted.filter((id) => id === null || !existing.some((c) => c.externalId === id)))]
  const toCreate = wanted.filter((id) => id === null).length + fresh.filter((id) => id !== null).length
  const total = capacity(store, subscriptionId, found.id)
  if (toCreate > 0 && active.length + toCreate > total) {
    throw capacityExceeded(toCreate, Math.max(total - active.length, 0), total)
  }
  const now = store.now()
  const created = [...fresh.filter((id) => id !== null), ...wanted.filter((id) => id === null)].map(
    (externalId) => {
      const claim: ResourceClaimRecord = {
        ...store.stamp('resource_claim'),
        organizationId: subscription.organizationId,
        resourceId: found.id,
        subscriptionId,
        pricingModelId: found.pricingModelId,
        externalId,
        claimedAt: now,
        releasedAt: null,
        releaseReason: null,
        expiredAt: null,
        metadata: input.metadata ?? null,
      }
      store.data.resourceClaims.push(claim)
      return claim
    },
  )
  store.changed()
  return { claims: [...existing, ...created], usage: usageOf(store, subscriptionId, found).usage }
}

/** Releases claims; asking to release claims that are not active fails and releases nothing. */
export function releaseResource(store: EmulatorStore, subscriptionId: string, input: ReleaseInput) {
  store.subscription(subscriptionId)
  const found = resource(store, input)
  const active = activeClaims(store, subscriptionId, found.id)
  let toRelease: ResourceClaimRecord[]
  if (input.quantity !== undefined) {
    toRelease = active.filter((c) => c.externalId === null).slice(0, input.quantity)
    if (toRelease.length < input.quantity) {
      throw claimPanic(
        `Cannot release ${input.quantity} anonymous claims. Only ${toRelease.length} exist. Use claimIds to release specific claims regardless of type.`,
      )
    }
  } else {
    // resourceClaimHelpers.ts `releaseResourceTransaction`: the first missing one is named.
    const ids = input.claimIds ?? input.externalIds ?? (input.externalId ? [input.externalId] : [])
    const key = input.claimIds ? 'id' : 'externalId'
    toRelease = active.filter((c) => c[key] !== null && ids.includes(c[key] as string))
    const missing = ids.find((id) => !toRelease.some((c) => c[key] === id))
    if (missing !== undefined) throw claimPanic(`No active claim found with ${key} "${missing}"`)
  }
  const now = store.now()
  for (const claim of toRelease)
    updateRecord(claim, { releasedAt: now, releaseReason: 'released', updatedAt: now })
  store.changed()
  return { releasedClaims: toRelease, usage: usageOf(store, subscriptionId, found).usage }
}

/**
 * Releases every active claim of a subscription (resourceClaimHelpers.ts
 * `releaseAllResourceClaimsForSubscription`), e.g. `subscription_canceled` when it ends.
 */
export function releaseAllResourceClaims(store: EmulatorStore, subscriptionId: string, reason: string): void {
  const now = store.now()
  for (const claim of store.data.resourceClaims) {
    if (claim.subscriptionId !== subscriptionId || claim.releasedAt !== null) continue
    updateRecord(claim, { releasedAt: now, releaseReason: reason, updatedAt: now })
  }
}
