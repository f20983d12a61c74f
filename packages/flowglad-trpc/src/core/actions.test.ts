import { describe, expect, it } from 'vitest'
import { actionPaths, flowgladActions, getAction, queriesInvalidatedBy, serverActionPaths } from './actions'

describe('registry paths', () => {
  it('splits every registry action into procedures and server-only actions, by access', () => {
    const all = Object.entries(flowgladActions).flatMap(([group, actions]) =>
      Object.keys(actions).map((name) => `${group}.${name}`),
    )
    expect([...actionPaths, ...serverActionPaths].sort()).toEqual(all.sort())
    expect(serverActionPaths.map((path) => getAction(path).access)).toEqual(['server', 'server', 'server'])
    expect(actionPaths.some((path) => getAction(path).access === 'server')).toBe(false)
  })
})

describe('queriesInvalidatedBy', () => {
  it('refreshes billing, subscriptions, features and usage meters after a cancel', () => {
    expect(queriesInvalidatedBy('subscriptions.cancel').sort()).toEqual(
      [
        'billing.get',
        'features.access',
        'resources.get',
        'resources.list',
        'subscriptions.list',
        'usageMeters.balances',
      ].sort(),
    )
  })

  it('refreshes usage meters and billing balances after a usage event, and nothing unrelated', () => {
    expect(queriesInvalidatedBy('usageEvents.create').sort()).toEqual(['billing.get', 'usageMeters.balances'])
  })

  it('never invalidates the public pricing model from a customer write', () => {
    for (const path of actionPaths) {
      const action = getAction(path)
      if (action.kind === 'mutation')
        expect(queriesInvalidatedBy(path as never)).not.toContain('pricing.default')
    }
  })

  it('invalidates nothing when a checkout session is only created', () => {
    expect(queriesInvalidatedBy('checkout.create')).toEqual([])
  })
})
