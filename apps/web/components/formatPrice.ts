/** The price fields shown to a customer. */
export interface PriceLike {
  type: string
  unitPrice: number
  currency?: string | null
  intervalUnit?: string | null
  intervalCount?: number | null
}

/** "$20 / month", "$5 once", "Free": amounts are in minor units (cents). */
export function formatPrice(price: PriceLike): string {
  if (price.unitPrice === 0) return 'Free'
  const amount = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: (price.currency ?? 'usd').toUpperCase(),
    minimumFractionDigits: price.unitPrice % 100 === 0 ? 0 : 2,
  }).format(price.unitPrice / 100)
  if (price.type !== 'subscription' || !price.intervalUnit) return `${amount} once`
  const every =
    price.intervalCount && price.intervalCount > 1
      ? `${price.intervalCount} ${price.intervalUnit}s`
      : price.intervalUnit
  return `${amount} / ${every}`
}
