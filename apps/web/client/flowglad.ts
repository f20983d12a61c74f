'use client'
import { createFlowgladHooks } from 'flowglad-trpc/react'
import { trpc } from './trpc'

/** Flowglad's hooks over the app's own tRPC client and QueryClient. */
export const { useBilling, useFeature, useUsageMeter, useSubscription, useCheckouts, useInvoices } =
  createFlowgladHooks(trpc)
