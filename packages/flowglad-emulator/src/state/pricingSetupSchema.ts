/** Moved to `catalog/pricingSetupSchema`; kept so `src/node` imports resolve until they point there. */
export * from './catalog/pricingSetupSchema'
