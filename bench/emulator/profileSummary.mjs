// Summarises a .cpuprofile: self time by function and by file, and inclusive time of named functions.
import { readFileSync } from 'node:fs'

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map()
const dt = profile.timeDeltas
for (let i = 0; i < profile.samples.length; i++) {
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0))
}
const total = [...self.values()].reduce((a, b) => a + b, 0)
const label = (n) => {
  const f = n.callFrame
  const file = f.url.replace(/^.*\/(node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?)?/, '').slice(-60)
  return `${f.functionName || '(anon)'} ${file}:${f.lineNumber + 1}`
}
const add = (map, key, v) => map.set(key, (map.get(key) ?? 0) + v)
const fnSelf = new Map()
const fileSelf = new Map()
for (const [id, t] of self) {
  const n = byId.get(id)
  add(fnSelf, label(n), t)
  const url = n.callFrame.url
  const group = url.includes('/zod/')
    ? 'zod'
    : url.includes('flowglad-emulator/src')
      ? url.replace(/^.*flowglad-emulator\/src\//, 'src/')
      : url.startsWith('node:')
        ? url
        : url === ''
          ? `(${n.callFrame.functionName})`
          : url.replace(/^.*node_modules\//, 'nm/').slice(0, 80)
  add(fileSelf, group, t)
}
// inclusive time per function name (count each sample once per distinct label on its stack)
const parent = new Map()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const incl = new Map()
for (const [id, t] of self) {
  const seen = new Set()
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}`
    if (!seen.has(key)) {
      seen.add(key)
      add(incl, key, t)
    }
  }
}
const pct = (t) => `${((100 * t) / total).toFixed(1)}%`
const top = (map, k) => [...map].sort((a, b) => b[1] - a[1]).slice(0, k)
console.log(`total ${(total / 1e6).toFixed(2)} s`)
console.log('\n-- self by file --')
for (const [k, t] of top(fileSelf, 25)) console.log(pct(t).padStart(6), k)
console.log('\n-- self by function --')
for (const [k, t] of top(fnSelf, 30)) console.log(pct(t).padStart(6), k)
console.log('\n-- inclusive --')
for (const [k, t] of top(incl, 60)) console.log(pct(t).padStart(6), k)
