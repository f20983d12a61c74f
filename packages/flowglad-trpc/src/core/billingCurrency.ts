// Flowglad amounts are integers in the currency's minor unit (cents), except for the
// zero-decimal currencies Stripe lists, whose amounts are already whole units.
const zeroDecimalCurrencies: ReadonlySet<string> = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
])

/** Formats a Flowglad amount (minor units) for display, like `@flowglad/react`'s helper: `2000, 'USD'` → `$20.00`. */
export function humanReadableCurrencyAmount(currency: string, amount: number): string {
  const formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency })
  return formatter.format(zeroDecimalCurrencies.has(currency.toUpperCase()) ? amount : amount / 100)
}
