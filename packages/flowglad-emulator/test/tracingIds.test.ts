import { describe, expect, it } from 'vitest'
import { requestId, tracingHeaders } from '../src/http/errorResponse'

describe('tracing ids', () => {
  it('are shaped as Flowglad makes them (8 hex digits; a dashless v4 UUID) and differ per answer', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const headers = tracingHeaders()
      expect(headers['x-request-id']).toMatch(/^[0-9a-f]{8}$/)
      expect(headers['x-trace-id']).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/)
      seen.add(headers['x-trace-id'] as string)
      expect(requestId()).toMatch(/^[0-9a-f]{8}$/)
    }
    expect(seen.size).toBe(2000)
  })
})
