/** The price fields shown to a customer. */
export interface PriceLike {
  type: string
  unitPrice: number
  currency?: string | null
  intervalUnit?: string | null
  intervalCount?: number | null
}

/** "$20", "$4.50": amounts are in minor units (cents). */
export function formatMoney(minorUnits: number, currency: string | null | undefined): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: (currency ?? 'usd').toUpperCase(),
    minimumFractionDigits: minorUnits % 100 === 0 ? 0 : 2,
  }).format(minorUnits / 100)
}

/** "$20 / month", "$0 / month", "$10 once" (never "Free": the plan's name already says so). */
export function formatPrice(price: PriceLike): string {
  const amount = formatMoney(price.unitPrice, price.currency)
  if (price.type !== 'subscription' || !price.intervalUnit) return `${amount} once`
  const every =
    price.intervalCount && price.intervalCount > 1
      ? `${price.intervalCount} ${price.intervalUnit}s`
      : price.intervalUnit
  return `${amount} / ${every}`
}
