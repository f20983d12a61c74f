import { createFlowgladWebhookHandler } from 'flowglad-trpc/webhooks'
import { recordActivity } from '@/server/activity'
import { getFlowglad } from '@/server/flowglad'
import { webhookSecret } from '@/server/webhooks'

// Flowglad's webhooks (the local emulator's too): verified, run once per delivery, and turned into
// the dashboard's activity feed. The customer's externalId is the app's user id.

type Billing = Awaited<
  ReturnType<Awaited<ReturnType<ReturnType<typeof getFlowglad>['client']>>['customers']['retrieveBilling']>
>

async function billingOf(externalId: string): Promise<Billing> {
  return (await getFlowglad().client()).customers.retrieveBilling(externalId)
}

/** Credits a one-off price grants (its product's usage credit grants), e.g. 500 for the top-up. */
function creditsOf(billing: Billing, priceId: string): number {
  for (const product of billing.catalog?.products ?? [])
    if (product.prices?.some((price) => price.id === priceId))
      return (product.features ?? []).reduce(
        (sum, feature) => sum + (feature.type === 'usage_credit_grant' ? (feature.amount ?? 0) : 0),
        0,
      )
  return 0
}

let handler: ((request: Request) => Promise<Response>) | undefined

function webhookHandler() {
  handler ??= createFlowgladWebhookHandler({
    secret: webhookSecret(),
    flowglad: getFlowglad(),
    on: {
      'subscription.created': async ({ id, payload }) => {
        const billing = await billingOf(payload.customer.externalId)
        const subscription = billing.subscriptions?.find((s) => s.id === payload.id)
        if (subscription && !subscription.isFreePlan)
          await recordActivity(
            id,
            payload.customer.externalId,
            `Upgraded to ${subscription.name ?? 'a paid plan'}`,
          )
      },
      'subscription.canceled': async ({ id, payload }) => {
        const billing = await billingOf(payload.customer.externalId)
        const subscription = billing.subscriptions?.find((s) => s.id === payload.id)
        await recordActivity(
          id,
          payload.customer.externalId,
          `Canceled ${subscription?.name ?? 'subscription'}`,
        )
      },
      'purchase.completed': async ({ id, payload }) => {
        const billing = await billingOf(payload.customer.externalId)
        const purchase = billing.purchases?.find((p) => p.id === payload.id)
        if (purchase?.priceType !== 'single_payment') return
        const credits = creditsOf(billing, purchase.priceId)
        await recordActivity(
          id,
          payload.customer.externalId,
          credits > 0 ? `Top-up: +${credits} calls` : purchase.name,
        )
      },
      'payment.failed': async ({ id, payload }) => {
        await recordActivity(id, payload.customer.externalId, 'Payment failed')
      },
    },
  })
  return handler
}

export function POST(request: Request): Promise<Response> {
  return webhookHandler()(request)
}
