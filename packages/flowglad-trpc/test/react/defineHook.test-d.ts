import { describe, expectTypeOf, it } from 'vitest'
import { defineHook } from '../../src/react/defineHook'
import type { HooksContext } from '../../src/react/hooksContext'
import type { UseFeature } from '../../src/react/useFeatures'
import type { UseUsageMeter } from '../../src/react/useUsageMeters'

// `defineHook` checks an implementation against the hook's public signature: a registry entry
// whose implementation takes other arguments than users pass does not compile.

describe('defineHook checks the implementation against the public signature', () => {
  it('accepts an implementation that takes what the signature passes', () => {
    const entry = defineHook<UseFeature>((_ctx: HooksContext, slug: string) => slug)
    expectTypeOf(entry.use).parameter(0).toEqualTypeOf<HooksContext>()
  })

  it('refuses an implementation whose first argument has another type', () => {
    // @ts-expect-error useFeature is called with a feature slug (a string), not a number
    defineHook<UseFeature>((_ctx: HooksContext, slug: number) => slug)
  })

  it('refuses an implementation that needs an argument the signature leaves optional', () => {
    // @ts-expect-error the scope of useUsageMeter is optional, so it cannot be required
    defineHook<UseUsageMeter>((_ctx: HooksContext, _slug: string, scope: { subscriptionId: string }) => scope)
  })

  it('refuses an implementation that needs more arguments than the signature passes', () => {
    defineHook<UseFeature>(
      // @ts-expect-error useFeature passes at most slug, scope and options
      (_ctx: HooksContext, _slug: string, _scope: unknown, _options: unknown, extra: string) => extra,
    )
  })
})
