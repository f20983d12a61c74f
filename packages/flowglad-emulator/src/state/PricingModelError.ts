/** Moved to `catalog/PricingModelError`; kept so `src/node` imports resolve until they point there. */
export * from './catalog/PricingModelError'
