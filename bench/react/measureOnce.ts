// One cold dashboard load per process: @flowglad/react keeps a module-level QueryClient, so a
// second load in the same process would be served from its cache. Prints the cost as JSON.
const side = process.argv[2]
if (side !== 'flowgladTrpc' && side !== 'flowgladReact') throw new Error(`unknown side ${side}`)
const { measureOnce } = await import('./dashboards')
const cost = await measureOnce[side]()
process.stdout.write(`${JSON.stringify(cost)}\n`)
process.exit(0)
