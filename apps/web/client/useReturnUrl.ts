'use client'
import { useEffect, useState } from 'react'

/**
 * `url` with `?return_url=<this app's path>` added once the page runs in the browser (the origin is
 * only known there; the server render and the first client render keep `url` as is, so they match).
 * The emulator's billing portal links back to it; Flowglad's hosted portal ignores the parameter.
 */
export function useReturnUrl(url: string, returnPath: string): string {
  const [withReturn, setWithReturn] = useState(url)
  useEffect(() => {
    const target = new URL(url)
    target.searchParams.set('return_url', new URL(returnPath, window.location.origin).href)
    setWithReturn(target.href)
  }, [url, returnPath])
  return withReturn
}
