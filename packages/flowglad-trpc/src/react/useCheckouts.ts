import { useMemo } from 'react'
import type { MutationPath } from '../core/actions'
import { defineHook, type HookSignature, type TypesOf } from './defineHook'
import type { AutoRedirect } from './hookResults'
import { type HooksContext, useFlowgladMutation } from './hooksContext'
import type { FlowgladError, FlowgladInput, FlowgladOutput, FlowgladTypes } from './routerTypes'

type CheckoutAction<T extends FlowgladTypes, A extends string> = (
  input: FlowgladInput<T, 'checkout', A> & AutoRedirect,
) => Promise<FlowgladOutput<T, 'checkout', A>>

/** The three checkout creators (`useCheckouts`, and `useBilling` once loaded). */
export interface CheckoutActions<T extends FlowgladTypes> {
  createCheckoutSession: CheckoutAction<T, 'create'>
  createAddPaymentMethodCheckoutSession: CheckoutAction<T, 'createAddPaymentMethod'>
  createActivateSubscriptionCheckoutSession: CheckoutAction<T, 'createActivateSubscription'>
}

/** A created checkout session. */
export interface CheckoutSession {
  id: string
  url: string
}
/** `useCheckouts()`: the creators, whether one is pending, and the last error. */
type CheckoutsState<T extends FlowgladTypes> = CheckoutActions<T> & {
  isPending: boolean
  error: FlowgladError<T> | null
}

type CheckoutInput = { autoRedirect?: boolean } & Record<string, unknown>
type CheckoutCreator = (input: CheckoutInput) => Promise<CheckoutSession>

function useCheckoutCreator(ctx: HooksContext, action: MutationPath) {
  const mutation = useFlowgladMutation<CheckoutSession>(ctx, action)
  const { mutateAsync } = mutation
  const create = useMemo<CheckoutCreator>(
    () =>
      async ({ autoRedirect, ...input }) => {
        // `autoRedirect` is a browser concern: the server never sees it.
        const session = await mutateAsync(input)
        if (autoRedirect) ctx.navigate(session.url)
        return session
      },
    [ctx, mutateAsync],
  )
  return { create, mutation }
}

/** The three checkout creators shared by `useCheckouts` and a loaded `useBilling`. */
export function useCheckoutActions(ctx: HooksContext) {
  const product = useCheckoutCreator(ctx, 'checkout.create')
  const addPaymentMethod = useCheckoutCreator(ctx, 'checkout.createAddPaymentMethod')
  const activate = useCheckoutCreator(ctx, 'checkout.createActivateSubscription')
  const actions = useMemo(
    () => ({
      createCheckoutSession: product.create,
      createAddPaymentMethodCheckoutSession: addPaymentMethod.create,
      createActivateSubscriptionCheckoutSession: activate.create,
    }),
    [product.create, addPaymentMethod.create, activate.create],
  )
  const mutations = [product.mutation, addPaymentMethod.mutation, activate.mutation]
  return {
    actions,
    isPending: mutations.some((mutation) => mutation.isPending),
    error: mutations.find((mutation) => mutation.error)?.error ?? null,
  }
}

/** `useCheckouts()`: checkout creators with `autoRedirect`, their pending flag and last error. */
export function useCheckouts(ctx: HooksContext) {
  const { actions, isPending, error } = useCheckoutActions(ctx)
  return { ...actions, isPending, error }
}

/** Public signature of `useCheckouts`, for the app's Flowglad types. */
export interface UseCheckouts extends HookSignature {
  signature: () => CheckoutsState<TypesOf<this>>
}

/** Registry entry of `useCheckouts`. */
export const useCheckoutsHook = defineHook<UseCheckouts>(useCheckouts)
