/** @jsxRuntime automatic @jsxImportSource react */
// (pragma: tsx reads the tsconfig of the cwd, which does not cover bench/)
// tRPC decides once, when loaded, whether it runs on a server (no `window`): load it before
// the browser globals, as the app's server code would be.
import '@trpc/server'
import './jsdomGlobals'
import { FlowgladProvider, useBilling, usePricing, useUsageMeter } from '@flowglad/react'
import { FlowgladServer, requestHandler } from '@flowglad/server'
import { cleanup, render, screen } from '@testing-library/react'
import { createEmulator } from 'flowglad-emulator'
import {
  alice,
  createReactTestApp,
  type ReactTestApp,
} from '../../packages/flowglad-trpc/test/react/support/createReactTestApp'

// The same dashboard twice: plan (billing), pricing, a feature gate and a usage meter.
// flowglad-trpc: useBilling + usePricing + useFeature + useUsageMeter.
// @flowglad/react 0.18.0: useBilling (+ its checkFeatureAccess: the published package does not
// export useFeature) + usePricing + useUsageMeter. Both upstreams are the emulator over HTTP.

/** What one dashboard load cost. */
export interface DashboardCost {
  httpRequests: number
  upstreamRequests: number
  upstreamBillingFetches: number
  msToLoaded: number
}

const billingPath = /^\/api\/v1\/customers\/[^/]+\/billing$/
const LOADED = /^loaded:/

function OurDashboard({ app }: { app: ReactTestApp }) {
  const billing = app.hooks.useBilling()
  const { pricingModel } = app.hooks.usePricing()
  const feature = app.hooks.useFeature('advanced_analytics')
  const meter = app.hooks.useUsageMeter('api_calls')
  const done =
    billing.status === 'success' && pricingModel && feature.status === 'success' && meter.usageMeter
  return (
    <p>
      {done
        ? `loaded: ${billing.customer.externalId} ${feature.hasAccess} ${meter.usageMeter?.availableBalance}`
        : '…'}
    </p>
  )
}

async function measureOurs(): Promise<DashboardCost> {
  const app = await createReactTestApp({ session: alice, upstreamOverHttp: true })
  try {
    const started = performance.now()
    render(<OurDashboard app={app} />, { wrapper: app.Wrapper })
    await screen.findByText(LOADED, undefined, { timeout: 10_000 })
    const msToLoaded = performance.now() - started
    return {
      httpRequests: app.requests.length,
      upstreamRequests: app.emulator.control.requests().length,
      upstreamBillingFetches: app.upstreamBillingFetches(),
      msToLoaded,
    }
  } finally {
    cleanup()
    await app.close()
  }
}

function FlowgladDashboard() {
  const billing = useBilling()
  const pricingModel = usePricing()
  const meter = useUsageMeter('api_calls')
  const done = billing.loaded && billing.customer && pricingModel && meter.usageMeter
  const hasAccess = billing.checkFeatureAccess?.('advanced_analytics')
  return (
    <p>
      {done
        ? `loaded: ${billing.customer?.externalId} ${hasAccess} ${meter.usageMeter?.availableBalance}`
        : '…'}
    </p>
  )
}

async function measureFlowglad(): Promise<DashboardCost> {
  const emulator = await createEmulator()
  const server = (customerExternalId: string) =>
    new FlowgladServer({
      customerExternalId,
      getCustomerDetails: async () => ({ email: alice.email, name: alice.name }),
      apiKey: emulator.apiKey,
      baseURL: emulator.url,
    })
  // The customer signed up before, as in the flowglad-trpc run.
  await server(alice.id).findOrCreateCustomer()
  emulator.control.clearRequests()
  const handler = requestHandler({
    flowglad: server,
    getCustomerExternalId: async () => alice.id,
    apiKey: emulator.apiKey,
    baseURL: emulator.url,
  })
  let httpRequests = 0
  const realFetch = globalThis.fetch
  // Flowglad's hooks POST to `{baseURL}/api/flowglad/<action>`; most ignore `requestConfig.fetch`
  // and call the global fetch, so that is where the app's route handler is mounted here.
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.origin !== 'http://app.test') return realFetch(input, init)
    httpRequests++
    const path = url.pathname.replace(/^\/api\/flowglad\//, '').split('/')
    const text = await request.text()
    const body: unknown = text ? JSON.parse(text) : {}
    const result = await handler({ path, method: 'POST', body }, request)
    return Response.json(
      { data: result.data ?? null, error: result.error ?? null },
      { status: result.status },
    )
  }
  try {
    const started = performance.now()
    render(
      <FlowgladProvider baseURL="http://app.test">
        <FlowgladDashboard />
      </FlowgladProvider>,
    )
    await screen.findByText(LOADED, undefined, { timeout: 10_000 })
    const msToLoaded = performance.now() - started
    return {
      httpRequests,
      upstreamRequests: emulator.control.requests().length,
      upstreamBillingFetches: emulator.control.requests({ method: 'GET', path: billingPath }).length,
      msToLoaded,
    }
  } finally {
    globalThis.fetch = realFetch
    cleanup()
    await emulator.close()
  }
}

/** Which dashboard to load. */
export type Side = 'flowgladTrpc' | 'flowgladReact'

/** Loads one dashboard once, in this (fresh) process. */
export const measureOnce: Record<Side, () => Promise<DashboardCost>> = {
  flowgladTrpc: measureOurs,
  flowgladReact: measureFlowglad,
}
