import { useMemo } from 'react'
import {
  type HooksContext,
  type LooseQueryOptions,
  queryStatus,
  useFlowgladMutation,
  useFlowgladQuery,
} from './hooksContext'

// Resource usage is not part of the billing payload, so these hooks use their own procedures
// (`resources.list`, `resources.claims`); claim/release invalidate them through the registry.

/** The resource usage fields the hooks read. */
export interface ResourceUsage {
  resourceSlug: string
}
type Input = Record<string, unknown>

function useResourceList(ctx: HooksContext, options: LooseQueryOptions | undefined) {
  return useFlowgladQuery<{ resources: ResourceUsage[] }>(ctx, 'resources.list', undefined, options)
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
