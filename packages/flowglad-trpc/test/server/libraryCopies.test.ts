import { initTRPC } from '@trpc/server'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerOf, testUser } from '../support/createTestApp'
import { importFreshCopy, type ServerModule } from './fixtures/importFreshCopy'

describe('several copies of the library in one process', () => {
  let emulator: Emulator
  let copyA: ServerModule
  let copyB: ServerModule
  beforeAll(async () => {
    emulator = await createEmulator({ listen: false })
    copyA = await importFreshCopy()
    copyB = await importFreshCopy()
  })
  afterAll(() => emulator.close())

  it('are really separate module instances', () => {
    expect(copyA.createFlowglad).not.toBe(copyB.createFlowglad)
    expect(copyA.FlowgladConfigurationError).not.toBe(copyB.FlowgladConfigurationError)
  })

  it("mount a Flowglad made by one copy with the other copy's router", async () => {
    const flowglad = copyA.createFlowglad({
      apiKey: emulator.apiKey,
      baseURL: emulator.url,
      fetch: emulator.fetch,
    })
    const user = testUser()
    const t = initTRPC.context<{ userId: string }>().create()
    const router = t.router({
      flowglad: copyB.createFlowgladRouter({
        flowglad,
        router: t.router,
        procedure: t.procedure,
        customer: () => customerOf(user),
      }),
    })
    const billing = await router.createCaller({ userId: user.id }).flowglad.billing.get()
    expect(billing.customer.externalId).toBe(user.id)
  })

  it("keep the codes of a TRPCError made by another copy of @trpc/server (a foreign bundle's)", async () => {
    // What a resolver or a handler from another bundle throws: same name and code, other class.
    class ForeignTRPCError extends Error {
      override name = 'TRPCError'
      constructor(readonly code: 'UNAUTHORIZED' | 'FORBIDDEN') {
        super(code === 'FORBIDDEN' ? 'Not a member' : 'Signed out')
      }
    }
    const flowglad = copyA.createFlowglad({
      apiKey: emulator.apiKey,
      baseURL: emulator.url,
      fetch: emulator.fetch,
    })
    const t = initTRPC.context<{ code: 'UNAUTHORIZED' | 'FORBIDDEN' }>().create()
    const router = t.router({
      flowglad: copyB.createFlowgladRouter({
        flowglad,
        router: t.router,
        procedure: t.procedure,
        customer: ({ ctx }) => {
          throw new ForeignTRPCError(ctx.code)
        },
      }),
    })
    await expect(router.createCaller({ code: 'FORBIDDEN' }).flowglad.billing.get()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Not a member',
    })
    const pricing = await router.createCaller({ code: 'UNAUTHORIZED' }).flowglad.pricing.get()
    expect(pricing.source).toBe('default')
  })

  it('keep the runtime out of enumeration (spreading or logging shows only the API)', () => {
    const flowglad = copyA.createFlowglad({ apiKey: 'sk_test', fetch: emulator.fetch })
    expect(Object.keys(flowglad).sort()).toEqual(['client', 'customers', 'forCustomer'])
  })

  it('reject an object that createFlowglad did not make, saying what was expected', () => {
    const t = initTRPC.create()
    const mount = (flowglad: unknown) =>
      copyB.createFlowgladRouter({
        flowglad: flowglad as ReturnType<ServerModule['createFlowglad']>,
        router: t.router,
        procedure: t.procedure,
        customer: () => null,
      })
    expect(() => mount({ ...copyA.createFlowglad({ apiKey: 'sk_test' }) })).toThrow(
      /expected the object returned by createFlowglad\(\)/,
    )
    expect(() => mount(null)).toThrow(TypeError)
    const incompatible = { [Symbol.for('flowglad-trpc.runtime')]: { version: -1, runtime: {} } }
    expect(() => mount(incompatible)).toThrow(/incompatible copy of flowglad-trpc/)
  })
})
