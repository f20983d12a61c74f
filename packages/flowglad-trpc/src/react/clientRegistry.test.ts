import { describe, expect, it } from 'vitest'
import { actionPaths, getAction, type MutationPath, queriesInvalidatedBy } from '../core/actions'
import { customerQueries, invalidatedBy } from './clientRegistry'

// The compiler already ties these tables to the registry's types; this checks the values the
// browser runs with against the registry's own run-time derivation.
describe('the React side of the registry', () => {
  it('invalidates after each mutation exactly what the registry derives', () => {
    const mutations = actionPaths.filter((path) => getAction(path).kind === 'mutation') as MutationPath[]
    expect(Object.keys(invalidatedBy).sort()).toEqual([...mutations].sort())
    for (const mutation of mutations) {
      expect([...invalidatedBy[mutation]].sort(), mutation).toEqual(queriesInvalidatedBy(mutation).sort())
    }
  })

  it('treats every non-public query as customer data', () => {
    const expected = actionPaths.filter((path) => {
      const action = getAction(path)
      return action.kind === 'query' && action.access !== 'public'
    })
    expect([...customerQueries].sort()).toEqual(expected.sort())
  })
})
