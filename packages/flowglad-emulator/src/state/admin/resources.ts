import { ORGANIZATION_ID } from '../constants'
import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError } from '../FlowgladApiError'
import { findResource } from '../lists/findRecords'
import type { ResourceRecord } from '../records'

/** `createResourceSchema.resource`. */
export interface NewResource {
  name: string
  slug: string
  active?: boolean | undefined
}

const writable = (store: EmulatorStore) =>
  store.catalog as unknown as {
    resources: ResourceRecord[]
    resourcesById: Map<string, ResourceRecord>
    resourcesBySlug: Map<string, ResourceRecord>
  }

/**
 * resourcesRouter `createProcedure`: `{ resource }`, active by default. A slug taken in the
 * pricing model breaks the resources unique index, which Flowglad answers with a 500 carrying the
 * failed insert (its SQL text is not reproduced).
 */
export function createResource(store: EmulatorStore, input: NewResource): ResourceRecord {
  const catalog = writable(store)
  if (catalog.resourcesBySlug.has(input.slug))
    throw new FlowgladApiError(
      'INTERNAL_SERVER_ERROR',
      `Failed to insert item into resources: duplicate slug ${input.slug} in this pricing model`,
    )
  const resource: ResourceRecord = {
    ...store.stamp('resource'),
    organizationId: ORGANIZATION_ID,
    pricingModelId: store.catalog.pricingModel.id,
    slug: input.slug,
    name: input.name,
    active: input.active ?? true,
  }
  catalog.resources.push(resource)
  catalog.resourcesById.set(resource.id, resource)
  catalog.resourcesBySlug.set(resource.slug, resource)
  store.changed()
  return resource
}

/** resourcesRouter `updateProcedure`: name, slug and active change; an unknown id is the unwrap panic. */
export function updateResource(
  store: EmulatorStore,
  id: string,
  patch: Partial<NewResource>,
): ResourceRecord {
  const resource = findResource(store, id)
  const catalog = writable(store)
  if (patch.slug !== undefined) catalog.resourcesBySlug.delete(resource.slug)
  if (patch.name !== undefined) resource.name = patch.name
  if (patch.slug !== undefined) resource.slug = patch.slug
  if (patch.active !== undefined) resource.active = patch.active
  catalog.resourcesBySlug.set(resource.slug, resource)
  resource.updatedAt = store.now()
  store.changed()
  return resource
}
