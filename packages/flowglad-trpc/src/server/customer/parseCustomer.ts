import { TRPCError } from '@trpc/server'
import { z } from 'zod/v4'
import type { FlowgladCustomer } from '../types'

const flowgladCustomer = z.object({
  externalId: z.string().min(1),
  email: z.string(),
  name: z.string().nullish(),
})

/** What `flowgladCustomer` accepts (an object; extra keys allowed). */
function isCustomer(value: unknown): value is FlowgladCustomer {
  if (typeof value !== 'object' || value === null) return false
  const { externalId, email, name } = value as Record<string, unknown>
  return (
    typeof externalId === 'string' &&
    externalId.length > 0 &&
    typeof email === 'string' &&
    (name === undefined || name === null || typeof name === 'string')
  )
}

/**
 * Checks a customer identity from app code (the router's `customer` resolver, `forCustomer`,
 * `findOrCreate`) before it reaches a URL: a missing external id must not become `/customers/undefined`.
 */
export function parseCustomer(customer: FlowgladCustomer): FlowgladCustomer {
  // The schema's own rules, checked by hand first: this runs on every call (zod only for the message).
  if (isCustomer(customer)) return customer
  const parsed = flowgladCustomer.safeParse(customer)
  if (parsed.success) return customer
  throw new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: `flowglad-trpc: invalid customer identity (expected { externalId, email, name }): ${parsed.error.message}`,
    cause: parsed.error,
  })
}
