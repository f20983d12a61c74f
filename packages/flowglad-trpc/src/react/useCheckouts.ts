import { useMemo } from 'react'
import type { MutationPath } from '../core/actions'
import { type HooksContext, useFlowgladMutation } from './hooksContext'

/** A created checkout session. */
export interface CheckoutSession {
  id: string
  url: string
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
