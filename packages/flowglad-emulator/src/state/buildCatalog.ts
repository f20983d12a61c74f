/** Moved to `catalog/buildCatalog`; kept so `src/node` imports resolve until they point there. */
export * from './catalog/buildCatalog'
