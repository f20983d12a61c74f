import type { CustomerBilling } from 'flowglad-trpc'
import Link from 'next/link'
import { ChoosePlanButton } from '@/components/ChoosePlanButton'
import { formatPrice } from '@/components/formatPrice'
import { ResumeCheckout } from '@/components/ResumeCheckout'
import { isPriceSlug } from '@/lib/isPriceSlug'
import { getRequestSession, serverCaller } from '@/server/rsc'

/** Pricing, rendered on the server: Flowglad's default pricing model signed out, the customer's signed in. */
export default async function PricingPage({
  searchParams,
}: {
  searchParams: Promise<{ checkout?: string | string[] }>
}) {
  const { checkout } = await searchParams
  const session = await getRequestSession()
  // Signed in, billing already carries the customer's pricing model: one upstream read, not two.
  const billing = session ? await serverCaller.flowglad.billing.get() : null
  // Either model, read as the billing payload types it (pricing.default's `PricingModel` has typed slugs).
  const pricingModel: CustomerBilling['pricingModel'] =
    billing?.pricingModel ?? (await serverCaller.flowglad.pricing.default()).pricingModel
  const currentPriceIds = new Set(
    (billing?.currentSubscriptions ?? []).flatMap((subscription) =>
      subscription.subscriptionItems.map((item) => item.priceId),
    ),
  )
  const products = pricingModel.products.filter((product) => product.active && product.prices.length > 0)
  // A plan chosen before sign-up: continue to its checkout, if it is one that can be bought now.
  const resume =
    session && typeof checkout === 'string' ? resumable(products, checkout, currentPriceIds) : null

  return (
    <section className="stack">
      {resume && isPriceSlug(checkout) && <ResumeCheckout priceSlug={checkout} productName={resume.name} />}
      <h1>Pricing</h1>
      <p className="muted">Start free. Upgrade when you need advanced analytics and more API calls.</p>
      <div className="grid">
        {products.map((product) => {
          const price = product.prices.find((candidate) => candidate.isDefault) ?? product.prices[0]!
          const current = currentPriceIds.has(price.id)
          return (
            <article
              key={product.id}
              className={`card plan stack${current ? ' current' : ''}`}
              data-testid={`plan-${product.slug}`}
            >
              <h2>{product.name}</h2>
              <div className="price">{formatPrice(price)}</div>
              {product.description && <p className="muted">{product.description}</p>}
              <ul>
                {product.features.map((feature) => (
                  <li key={feature.id}>{feature.name}</li>
                ))}
              </ul>
              {current ? (
                <span className="badge ok">Your current plan</span>
              ) : product.default ? (
                // The default plan needs no checkout: signing up subscribes to it.
                session ? null : (
                  <Link href="/sign-up" className="button secondary" data-testid="start-free">
                    Start free
                  </Link>
                )
              ) : isPriceSlug(price.slug) ? (
                <ChoosePlanButton
                  priceSlug={price.slug}
                  signedIn={session !== null}
                  label={price.type === 'subscription' ? `Choose ${product.name}` : `Buy ${product.name}`}
                />
              ) : // A price missing from pricing.yaml (a model edited in Flowglad): regenerate the slugs.
              null}
            </article>
          )
        })}
      </div>
    </section>
  )
}

type PricingProduct = CustomerBilling['pricingModel']['products'][number]

// Only a paid product's active price that the customer is not already on: never the default plan
// (signing up subscribes to it) and never a slug the URL made up.
function resumable(
  products: PricingProduct[],
  priceSlug: string,
  current: ReadonlySet<string | null>,
): PricingProduct | null {
  const product = products.find(
    (candidate) =>
      !candidate.default &&
      candidate.prices.some((price) => price.slug === priceSlug && price.active && !current.has(price.id)),
  )
  return product ?? null
}
