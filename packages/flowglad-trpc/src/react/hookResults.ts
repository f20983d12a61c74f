import type {
  CustomerBillingOf,
  FlowgladError,
  FlowgladInput,
  FlowgladOutput,
  FlowgladQueryOptions,
  FlowgladTypes,
} from './routerTypes'

// The pieces every hook's result and options share; each hook's own result type sits in its file.

/** What every query-backed hook exposes besides its Flowglad-named fields. */
export interface QueryStatus<TError> {
  status: 'pending' | 'error' | 'success'
  isLoading: boolean
  isFetching: boolean
  error: TError | null
  refetch: () => Promise<unknown>
}

/** Client-only checkout option: navigate to the checkout page once the session exists. */
export interface AutoRedirect {
  autoRedirect?: boolean
}

/** A Flowglad mutation as a hook exposes it: the procedure's input to its output. */
export type Action<T extends FlowgladTypes, G extends string, A extends string> = (
  input: FlowgladInput<T, G, A>,
) => Promise<FlowgladOutput<T, G, A>>

/** Options of `useBilling`: TanStack query options (`enabled`, `staleTime`, ...). */
export type BillingOptions<T extends FlowgladTypes> = FlowgladQueryOptions<
  CustomerBillingOf<T>,
  FlowgladError<T>
>

/** Options of the hooks that derive from billing: query options of the shared billing query. */
export type DerivedOptions<T extends FlowgladTypes> = Omit<
  BillingOptions<T>,
  'placeholderData' | 'initialData' | 'structuralSharing'
>
