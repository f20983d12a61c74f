import { describe, expect, it } from 'vitest'
import { humanReadableCurrencyAmount } from './billingCurrency'

describe('humanReadableCurrencyAmount', () => {
  it('turns minor units into a formatted amount', () => {
    expect(humanReadableCurrencyAmount('USD', 2000)).toBe('$20.00')
    expect(humanReadableCurrencyAmount('usd', 1999)).toBe('$19.99')
    expect(humanReadableCurrencyAmount('EUR', 5)).toBe('€0.05')
  })

  it('leaves zero-decimal currencies as whole units', () => {
    expect(humanReadableCurrencyAmount('JPY', 500)).toBe('¥500')
    expect(humanReadableCurrencyAmount('KRW', 1000)).toBe('₩1,000')
  })
})
