/** Where Flowglad's hosted checkout returns to: the dashboard on success, back here on cancel. */
export function checkoutUrls(cancelPath: string): { successUrl: string; cancelUrl: string } {
  const origin = window.location.origin
  return { successUrl: `${origin}/dashboard`, cancelUrl: `${origin}${cancelPath}` }
}
