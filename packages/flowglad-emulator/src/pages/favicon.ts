// The emulator's icon: browsers ask every origin for one, and a 404 there is a console error on
// every hosted page (which app e2e tests treat as a failure).
const FAVICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='4' fill='#2f5bea'/><path d='M5 4h6v2H7v2h3v2H7v3H5z' fill='#fff'/></svg>"

/** The icon as a `data:` URL, for the pages' `<link rel="icon">` (no extra request at all). */
export const faviconDataUrl = `data:image/svg+xml,${encodeURIComponent(FAVICON_SVG)}`

/** `GET /favicon.ico`, for clients that ask the conventional path regardless of the page's link. */
export function faviconResponse(): Response {
  return new Response(FAVICON_SVG, {
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' },
  })
}
