import { createHmac, randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { hmacSha256 } from '../src/pages/hmacSha256'

it('equals node:crypto HMAC-SHA256 across block boundaries and key sizes', () => {
  for (const n of [0, 1, 55, 56, 63, 64, 65, 200, 1000])
    for (const k of [1, 32, 64, 65, 100]) {
      const key = randomBytes(k)
      const msg = randomBytes(n)
      expect(Buffer.from(hmacSha256(key, msg)).toString('hex')).toBe(
        createHmac('sha256', key).update(msg).digest('hex'),
      )
    }
})
