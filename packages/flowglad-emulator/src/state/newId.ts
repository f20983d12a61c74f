const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const ALPHABET_CODES = Array.from(ALPHABET, (char) => char.charCodeAt(0))
const ID_LENGTH = 21
const UNDERSCORE = 95

/** Random bytes drawn 256 ids at a time: one `getRandomValues` call per id was a hot-path cost. */
const pool = new Uint8Array(ID_LENGTH * 256)
let used = pool.length
/** Character codes of the id being built, reused: one flat string per id, not a chain of concatenations. */
const codes: number[] = []

/** Flowglad-style id: a type prefix and 21 random base62 characters (`cus_…`, `sub_…`). */
export function newId(prefix: string): string {
  if (used + ID_LENGTH > pool.length) {
    globalThis.crypto.getRandomValues(pool)
    used = 0
  }
  codes.length = 0
  for (let i = 0; i < prefix.length; i++) codes.push(prefix.charCodeAt(i))
  codes.push(UNDERSCORE)
  for (let i = used; i < used + ID_LENGTH; i++)
    codes.push(ALPHABET_CODES[(pool[i] as number) % ALPHABET_CODES.length] as number)
  used += ID_LENGTH
  return String.fromCharCode.apply(null, codes)
}
