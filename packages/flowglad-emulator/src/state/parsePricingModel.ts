/** Moved to `catalog/parsePricingModel`; kept so `src/node` imports resolve until they point there. */
export * from './catalog/parsePricingModel'
