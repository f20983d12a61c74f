// `@/trpc/server` (tRPC's and T3's name for the RSC helpers file).
export * from './rsc'
