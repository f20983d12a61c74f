import type { EmulatorStore } from '../EmulatorStore'
import { badRequest, notFound } from '../FlowgladApiError'
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

function resource(store: EmulatorStore, ref: ResourceRef): ResourceRecord {
  const found = ref.resourceId
    ? store.catalog.resourcesById.get(ref.resourceId)
    : store.catalog.resourcesBySlug.get(ref.resourceSlug ?? '')
  if (!found)
    throw notFound(
      ref.resourceId ? 'Resource' : 'Resource with slug',
      ref.resourceId ?? ref.resourceSlug ?? '',
    )
  return found
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
  if (!subscription.current) throw badRequest(`Subscription ${subscriptionId} is ${subscription.status}`)
  const found = resource(store, input)
  const active = activeClaims(store, subscriptionId, found.id)
  const wanted: Array<string | null> = input.externalIds ?? (input.externalId ? [input.externalId] : [])
  if (input.quantity !== undefined) wanted.push(...Array.from({ length: input.quantity }, () => null))
  const existing = active.filter((c) => c.externalId !== null && wanted.includes(c.externalId))
  const fresh = [...new Set(wanted.filter((id) => id === null || !existing.some((c) => c.externalId === id)))]
  const toCreate = wanted.filter((id) => id === null).length + fresh.filter((id) => id !== null).length
  const total = capacity(store, subscriptionId, found.id)
  if (active.length + toCreate > total) {
    throw badRequest(
      `Cannot claim ${toCreate} ${found.slug}: ${active.length} of ${total} already claimed, ${Math.max(total - active.length, 0)} available`,
    )
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
      throw badRequest(
        `Cannot release ${input.quantity} ${found.slug}: only ${toRelease.length} anonymous claims are active`,
      )
    }
  } else {
    const ids = input.claimIds ?? input.externalIds ?? (input.externalId ? [input.externalId] : [])
    const key = input.claimIds ? 'id' : 'externalId'
    toRelease = active.filter((c) => c[key] !== null && ids.includes(c[key] as string))
    const missing = ids.filter((id) => !toRelease.some((c) => c[key] === id))
    if (missing.length > 0) throw notFound(`Active ${found.slug} claim`, missing.join(', '))
  }
  const now = store.now()
  for (const claim of toRelease)
    updateRecord(claim, { releasedAt: now, releaseReason: 'released', updatedAt: now })
  store.changed()
  return { releasedClaims: toRelease, usage: usageOf(store, subscriptionId, found).usage }
}
