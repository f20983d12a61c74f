import { useMemo } from 'react'
import type { ResourceSlug } from '../core/index'
import { defineHook, type HookSignature, type TypesOf } from './defineHook'
import type { Action, QueryStatus } from './hookResults'
import {
  type HooksContext,
  type LooseQueryOptions,
  queryStatus,
  useFlowgladMutation,
  useFlowgladQuery,
} from './hooksContext'
import type {
  FlowgladError,
  FlowgladInput,
  FlowgladOutput,
  FlowgladQueryOptions,
  FlowgladTypes,
  ResourceClaimOf,
  ResourceUsageOf,
} from './routerTypes'

/** `useResources()`: usages plus claim/release (which refresh resources and claims). */
export interface ResourcesState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  resources: ResourceUsageOf<T>[] | undefined
  claim: Action<T, 'resources', 'claim'>
  release: Action<T, 'resources', 'release'>
}
/** `useResource(slug)`: one resource's usage and claims; claim/release pre-bound to the slug. */
export interface ResourceState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  usage: ResourceUsageOf<T> | undefined
  claims: ResourceClaimOf<T>[]
  isLoadingClaims: boolean
  claim: (
    input: Omit<FlowgladInput<T, 'resources', 'claim'>, 'resourceSlug'>,
  ) => Promise<FlowgladOutput<T, 'resources', 'claim'>>
  release: (
    input: Omit<FlowgladInput<T, 'resources', 'release'>, 'resourceSlug'>,
  ) => Promise<FlowgladOutput<T, 'resources', 'release'>>
}

/** Options of the resource hooks: TanStack query options of `resources.list`. */
type ResourceOptions<T extends FlowgladTypes> = FlowgladQueryOptions<
  FlowgladOutput<T, 'resources', 'list'>,
  FlowgladError<T>
>

// Resource usage is not part of the billing payload, so these hooks use their own procedures
// (`resources.list`, `resources.claims`); claim/release invalidate them through the registry.

/** The resource usage fields the hooks read. */
export interface ResourceUsageLike {
  resourceSlug: string
}
type Input = Record<string, unknown>

function useResourceList(ctx: HooksContext, options: LooseQueryOptions | undefined) {
  return useFlowgladQuery<{ resources: ResourceUsageLike[] }>(ctx, 'resources.list', undefined, options)
}

function useClaimRelease(ctx: HooksContext) {
  const claim = useFlowgladMutation(ctx, 'resources.claim').mutateAsync
  const release = useFlowgladMutation(ctx, 'resources.release').mutateAsync
  return { claim, release }
}

/** `useResources(options?)`: resource usages of the current subscription, plus claim/release. */
export function useResources(ctx: HooksContext, options?: LooseQueryOptions) {
  const query = useResourceList(ctx, options)
  return { ...queryStatus(query), resources: query.data?.resources, ...useClaimRelease(ctx) }
}

/** `useResource(slug, options?)`: one resource's usage and claims; claim/release bound to the slug. */
export function useResource(ctx: HooksContext, resourceSlug: string, options?: LooseQueryOptions) {
  const query = useResourceList(ctx, options)
  const claimsQuery = useFlowgladQuery<{ claims: unknown[] }>(
    ctx,
    'resources.claims',
    { resourceSlug },
    options,
  )
  const { claim, release } = useClaimRelease(ctx)
  const bound = useMemo(
    () => ({
      claim: (input: Input) => claim({ ...input, resourceSlug }),
      release: (input: Input) => release({ ...input, resourceSlug }),
    }),
    [claim, release, resourceSlug],
  )
  return {
    ...queryStatus(query),
    error: query.error ?? claimsQuery.error,
    usage: query.data?.resources.find((resource) => resource.resourceSlug === resourceSlug),
    claims: claimsQuery.data?.claims ?? [],
    isLoadingClaims: claimsQuery.isLoading,
    ...bound,
  }
}

/** Public signature of `useResources`, for the app's Flowglad types. */
export interface UseResources extends HookSignature {
  signature: (options?: ResourceOptions<TypesOf<this>>) => ResourcesState<TypesOf<this>>
}
/** Public signature of `useResource`, for the app's Flowglad types. */
export interface UseResource extends HookSignature {
  signature: (slug: ResourceSlug, options?: ResourceOptions<TypesOf<this>>) => ResourceState<TypesOf<this>>
}

/** Registry entry of `useResources`. */
export const useResourcesHook = defineHook<UseResources>(useResources)
/** Registry entry of `useResource`. */
export const useResourceHook = defineHook<UseResource>(useResource)
