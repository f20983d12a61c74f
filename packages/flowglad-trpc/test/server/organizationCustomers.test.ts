import { initTRPC, TRPCError } from '@trpc/server'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFlowglad, createFlowgladRouter, type FlowgladCustomer } from '../../src/server'

// Organization customers, as Flowglad's Better Auth plugin does them with `customerType: 'organization'`
// (sdk-reference §4.4): the customer is the session's active organization, named after the org and
// billed to its owner's email. The context has the shape Better Auth's `getSession` returns with the
// organization plugin (`session.activeOrganizationId`); the org and member tables are the plugin's.

interface Organization {
  id: string
  name: string
  /** member rows: user id -> role */
  members: Map<string, 'owner' | 'member'>
}
interface User {
  id: string
  email: string
  name: string
}
interface BetterAuthSession {
  session: { userId: string; activeOrganizationId: string | null }
  user: User
}
interface Context {
  session: BetterAuthSession | null
}

const users = new Map<string, User>()
const organizations = new Map<string, Organization>()

/** The app's resolver: the active organization is the customer; `docs/parity.md` shows the same code. */
function organizationCustomer({ ctx }: { ctx: Context }): FlowgladCustomer | null {
  if (!ctx.session) return null
  const orgId = ctx.session.session.activeOrganizationId
  // Signed in, but nothing to bill yet: a request problem (Flowglad's 400 NO_ACTIVE_ORGANIZATION),
  // not an authentication one, so a client does not send the user back to sign in.
  if (!orgId)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'No active organization: select one (organization.setActive) to use billing',
    })
  const org = organizations.get(orgId)
  if (!org?.members.has(ctx.session.user.id))
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Not a member of the active organization' })
  const ownerId = [...org.members].find(([, role]) => role === 'owner')?.[0]
  const owner = ownerId === undefined ? undefined : users.get(ownerId)
  return { externalId: org.id, name: org.name, email: owner?.email ?? ctx.session.user.email }
}

let emulator: Emulator
let appRouter: ReturnType<typeof buildRouter>

function buildRouter() {
  const t = initTRPC.context<Context>().create()
  const flowglad = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch })
  return t.router({
    flowglad: createFlowgladRouter({
      flowglad,
      router: t.router,
      procedure: t.procedure,
      customer: organizationCustomer,
    }),
  })
}

const suffix = () => Math.random().toString(36).slice(2, 10)
function user(name: string): User {
  const created = { id: `user_${suffix()}`, email: `${name.toLowerCase()}_${suffix()}@example.test`, name }
  users.set(created.id, created)
  return created
}
function organization(name: string, members: Array<[User, 'owner' | 'member']>): Organization {
  const created = { id: `org_${suffix()}`, name, members: new Map(members.map(([u, role]) => [u.id, role])) }
  organizations.set(created.id, created)
  return created
}
const callerFor = (member: User, activeOrganizationId: string | null) =>
  appRouter.createCaller({ session: { session: { userId: member.id, activeOrganizationId }, user: member } })
const customerCreations = () =>
  emulator.control.requests().filter((r) => r.method === 'POST' && r.path === '/api/v1/customers')

beforeAll(async () => {
  emulator = await createEmulator({ listen: false })
  appRouter = buildRouter()
})
afterAll(() => emulator.close())
beforeEach(() => emulator.control.clearRequests())

describe('organization customers (Better Auth activeOrganizationId)', () => {
  it('two members of one organization share one Flowglad customer, named after the org, billed to its owner', async () => {
    const owner = user('Olga')
    const member = user('Max')
    const acme = organization('Acme', [
      [owner, 'owner'],
      [member, 'member'],
    ])
    const [fromOwner, fromMember] = await Promise.all([
      callerFor(owner, acme.id).flowglad.customer.get(),
      callerFor(member, acme.id).flowglad.customer.get(),
    ])
    expect(fromMember.customer.id).toBe(fromOwner.customer.id)
    expect(fromOwner.customer).toMatchObject({ externalId: acme.id, name: 'Acme', email: owner.email })
    expect(customerCreations()).toHaveLength(1)

    // What one member records, the other sees: it is the same customer's meter.
    const balance = async (who: User) =>
      (await callerFor(who, acme.id).flowglad.usageMeters.balances()).usageMeterBalances.find(
        (m) => m.slug === 'api_calls',
      )?.availableBalance
    const before = await balance(owner)
    await callerFor(member, acme.id).flowglad.usageEvents.create({ usageMeterSlug: 'api_calls', amount: 5 })
    expect(await balance(owner)).toBe((before ?? 0) - 5)
  })

  it('switching the active organization switches the customer', async () => {
    const founder = user('Fay')
    const first = organization('First', [[founder, 'owner']])
    const second = organization('Second', [[founder, 'owner']])
    const inFirst = await callerFor(founder, first.id).flowglad.billing.get()
    const inSecond = await callerFor(founder, second.id).flowglad.billing.get()
    expect(inFirst.customer.externalId).toBe(first.id)
    expect(inSecond.customer.externalId).toBe(second.id)
    expect(inSecond.customer.id).not.toBe(inFirst.customer.id)
  })

  it('no active organization is BAD_REQUEST with a clear message and zero upstream requests', async () => {
    const loner = user('Lee')
    await expect(callerFor(loner, null).flowglad.billing.get()).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'No active organization: select one (organization.setActive) to use billing',
    })
    expect(emulator.control.requests()).toEqual([])
  })

  it('an active organization the user is not a member of is FORBIDDEN, before any upstream request', async () => {
    const outsider = user('Otto')
    const other = organization('Other', [[user('Ona'), 'owner']])
    await expect(callerFor(outsider, other.id).flowglad.subscriptions.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(emulator.control.requests()).toEqual([])
  })

  it('pricing.get with no active organization serves the default model, as Flowglad’s plugin does', async () => {
    const result = await callerFor(user('Pia'), null).flowglad.pricing.get()
    expect(result.source).toBe('default')
    expect(emulator.control.requests().map((r) => r.path)).toEqual(['/api/v1/pricing-models/default'])
  })
})
