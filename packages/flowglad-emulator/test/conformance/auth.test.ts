import { BadRequestError } from '@flowglad/node'
import { describe, expect } from 'vitest'
import { bodyOf, caught, conformanceTest, useConformanceTarget } from '../support/conformanceSuite'

/** Authentication, routing and body parsing: `app/api/v1/[...path]/route.ts` (`withVerification`, `respond`). */
const flowglad = useConformanceTarget()

describe('authentication (route.ts withVerification)', () => {
  conformanceTest('takes the key raw or as `Bearer <key>`', async () => {
    for (const authorization of [flowglad.target.apiKey, `Bearer ${flowglad.target.apiKey}`]) {
      const response = await flowglad.raw('/api/v1/pricing-models/default', { headers: { authorization } })
      expect(response.status).toBe(200)
    }
  })

  conformanceTest('refuses a wrong key with a plain-text 401 that never echoes it', async () => {
    const wrongKey = 'sk_test_conformance_wrong_key'
    const wrong = await flowglad.raw('/api/v1/pricing-models/default', {
      headers: { authorization: wrongKey },
    })
    expect(wrong.status).toBe(401)
    const text = await wrong.text()
    expect(text).not.toContain(wrongKey)
    expect(() => JSON.parse(text)).toThrow()
  })

  conformanceTest(
    "words a missing or malformed key's 401 as production does",
    async () => {
      const missing = await flowglad.raw('/api/v1/pricing-models/default')
      expect(missing.status).toBe(401)
      expect(await missing.text()).toMatch(
        /^Unauthorized\. Authorization header is required, and must include/,
      )
      const malformed = await flowglad.raw('/api/v1/pricing-models/default', {
        headers: { authorization: 'Token sk_test_conformance_wrong_key' },
      })
      expect(malformed.status).toBe(401)
      expect(await malformed.text()).toMatch(
        /^Either the API key was missing, or it was in an invalid format/,
      )
    },
    {
      differs: {
        oracle:
          'offline, keys are checked against the local database (withLocalVerification), whose 401 texts are not Unkey-path production texts',
      },
    },
  )
})

describe('routing and bodies (route.ts)', () => {
  conformanceTest('answers an unknown route with a plain-text 404', async () => {
    const response = await flowglad.raw('/api/v1/no-such-resource', flowglad.authed())
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('Not Found')
  })

  conformanceTest(
    'answers a body that is not JSON with 400 `Invalid JSON in request body` and no code',
    async () => {
      const response = await flowglad.raw(
        '/api/v1/customers',
        flowglad.authed({ method: 'POST', body: 'not json' }),
      )
      expect(response.status).toBe(400)
      const body = (await response.json()) as Record<string, unknown>
      expect(body).toMatchObject({ error: 'Invalid JSON in request body' })
      expect(body.code).toBeUndefined()
    },
  )

  conformanceTest("puts a validation failure's zod issues in `error`", async () => {
    const error = await caught(
      flowglad.client.post('/api/v1/customers', { body: { customer: { name: 'x' } } }),
    )
    expect(error).toBeInstanceOf(BadRequestError)
    const body = bodyOf(error)
    expect(body.code).toBe('BAD_REQUEST')
    expect(Array.isArray(body.error)).toBe(true)
    const paths = (body.error as Array<{ path: unknown[] }>).map((issue) => issue.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['customer.externalId']))
  })

  conformanceTest(
    'sends an 8-character X-Request-Id on answers past authentication, matching an error body',
    async () => {
      const ok = await flowglad.raw('/api/v1/pricing-models/default', flowglad.authed())
      expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}$/)
      const notFound = await flowglad.raw('/api/v1/no-such-resource', flowglad.authed())
      expect(notFound.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}$/)
      const refused = await flowglad.raw(
        '/api/v1/customers',
        flowglad.authed({ method: 'POST', body: 'not json' }),
      )
      const body = (await refused.json()) as { request_id?: string }
      expect(refused.headers.get('x-request-id')).toBe(body.request_id)
    },
  )
})
