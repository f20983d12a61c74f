import { describe, expect, it } from 'vitest'
import { matchPathGlob } from '../src/http/matchPathGlob'

describe('matchPathGlob', () => {
  it('matches literals exactly, * within one segment, ** across any number of segments', () => {
    expect(matchPathGlob('/api/v1/customers', '/api/v1/customers')).toBe(true)
    expect(matchPathGlob('/api/v1/customers', '/api/v1/customers/u1')).toBe(false)
    expect(matchPathGlob('/api/v1/customers/*/billing', '/api/v1/customers/u1/billing')).toBe(true)
    expect(matchPathGlob('/api/v1/customers/*/billing', '/api/v1/customers/a/b/billing')).toBe(false)
    expect(matchPathGlob('/api/v1/customers/*', '/api/v1/customers/')).toBe(true)
    expect(matchPathGlob('/api/**/billing', '/api/v1/customers/u1/billing')).toBe(true)
    expect(matchPathGlob('/api/**', '/api')).toBe(true)
    expect(matchPathGlob('/api/v1/sub*/*/cancel', '/api/v1/subscriptions/sub_1/cancel')).toBe(true)
    expect(matchPathGlob('/api/v1/*s', '/api/v1/usage-events')).toBe(true)
    expect(matchPathGlob('/api/v1/*s', '/api/v1/usage-event')).toBe(false)
    // Regular-expression syntax is literal text here.
    expect(matchPathGlob('/api/v1/(a+)+$', '/api/v1/aaaa')).toBe(false)
    expect(matchPathGlob('/api/v1/(a+)+$', '/api/v1/(a+)+$')).toBe(true)
  })

  // A backtracking matcher takes exponential time on these and would run into the test timeout.
  it('answers inputs that make a backtracking matcher exponential', () => {
    expect(matchPathGlob(`/${'*a'.repeat(200)}b`, `/${'a'.repeat(5000)}`)).toBe(false)
    expect(matchPathGlob(`${'/**'.repeat(50)}/x`, '/a'.repeat(2000))).toBe(false)
  })
})
