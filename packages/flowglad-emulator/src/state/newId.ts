const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const ID_LENGTH = 21

/** Random bytes drawn 256 ids at a time: one `getRandomValues` call per id was a hot-path cost. */
const pool = new Uint8Array(ID_LENGTH * 256)
let used = pool.length

/** Flowglad-style id: a type prefix and 21 random base62 characters (`cus_…`, `sub_…`). */
export function newId(prefix: string): string {
  if (used + ID_LENGTH > pool.length) {
    globalThis.crypto.getRandomValues(pool)
    used = 0
  }
  let suffix = ''
  for (let i = used; i < used + ID_LENGTH; i++) suffix += ALPHABET[(pool[i] as number) % ALPHABET.length]
  used += ID_LENGTH
  return `${prefix}_${suffix}`
}
