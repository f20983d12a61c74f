import { describe, expect, it } from 'vitest'
import { resolveRequestCustomer } from '../../src/server/customer/requestCustomer'
import type { FlowgladCustomer } from '../../src/server/types'

// The request's customer is resolved once per request key and resolver, whether the app's
// resolver answers synchronously or not; a failure is not remembered.

const customer: FlowgladCustomer = { externalId: 'user_1', email: 'user_1@example.test', name: 'One' }

describe('resolveRequestCustomer', () => {
  it('calls a synchronous resolver once per request and answers with a promise', async () => {
    let calls = 0
    const resolver = () => {
      calls += 1
      return customer
    }
    const requestKey = {}
    const first = resolveRequestCustomer(requestKey, resolver, {})
    expect(first).toBeInstanceOf(Promise)
    await expect(first).resolves.toEqual(customer)
    await expect(resolveRequestCustomer(requestKey, resolver, {})).resolves.toEqual(customer)
    expect(calls).toBe(1)
    await resolveRequestCustomer({}, resolver, {})
    expect(calls).toBe(2)
  })

  it('turns a synchronous throw into a rejection, and tries again on the next call', async () => {
    let calls = 0
    const resolver = () => {
      calls += 1
      if (calls === 1) throw new Error('session store down')
      return customer
    }
    const requestKey = {}
    const failed = resolveRequestCustomer(requestKey, resolver, {})
    await expect(failed).rejects.toThrow('session store down')
    await expect(resolveRequestCustomer(requestKey, resolver, {})).resolves.toEqual(customer)
    expect(calls).toBe(2)
  })

  it('does not remember an asynchronous failure either', async () => {
    let calls = 0
    const resolver = async () => {
      calls += 1
      if (calls === 1) throw new Error('not yet')
      return customer
    }
    const requestKey = {}
    await expect(resolveRequestCustomer(requestKey, resolver, {})).rejects.toThrow('not yet')
    await expect(resolveRequestCustomer(requestKey, resolver, {})).resolves.toEqual(customer)
    await expect(resolveRequestCustomer(requestKey, resolver, {})).resolves.toEqual(customer)
    expect(calls).toBe(2)
  })

  it('refuses an identity without an external id (an app bug) from a synchronous resolver, as from an async one', async () => {
    const bad = { externalId: '', email: 'x@example.test' } as FlowgladCustomer
    await expect(resolveRequestCustomer({}, () => bad, {})).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    })
    await expect(resolveRequestCustomer({}, async () => bad, {})).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    })
  })

  it('answers null for no customer (signed out), synchronously or not', async () => {
    await expect(resolveRequestCustomer({}, () => null, {})).resolves.toBeNull()
    await expect(resolveRequestCustomer({}, async () => undefined, {})).resolves.toBeNull()
  })
})
