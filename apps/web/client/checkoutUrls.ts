/**
 * Where Flowglad's hosted checkout returns to: the dashboard on success (`?paid=<price slug>`, so
 * it can confirm the payment), back to `cancelPath` on cancel.
 */
export function checkoutUrls(
  cancelPath: string,
  priceSlug?: string | null,
): { successUrl: string; cancelUrl: string } {
  const origin = window.location.origin
  const paid = priceSlug ? `?paid=${encodeURIComponent(priceSlug)}` : ''
  return { successUrl: `${origin}/dashboard${paid}`, cancelUrl: `${origin}${cancelPath}` }
}
