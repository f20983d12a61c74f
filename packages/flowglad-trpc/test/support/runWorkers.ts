import { type ChildProcessByStdio, spawn } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { WorkerArgs } from '../server/fixtures/spendWorker'

const worker = fileURLToPath(new URL('../server/fixtures/spendWorker.ts', import.meta.url))

/** A started worker: resolves `ready` once loaded, `done` with its successes. */
function startWorker(args: WorkerArgs) {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', worker, JSON.stringify(args)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  let onReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    onReady = resolve
  })
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    if (out.includes('ready\n')) onReady()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  const done = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      if (code !== 0 || !line.startsWith('{'))
        return reject(new Error(`worker exited ${code}:\n${out}\n${err}`))
      resolve((JSON.parse(line) as { succeeded: number }).succeeded)
    })
  })
  // A worker that dies before `ready` must not leave the caller waiting forever.
  done.catch(onReady)
  return { ready, done, go: () => child.stdin.end('go\n') }
}

/**
 * Runs `processes` workers and, once every one has loaded, tells them all to fire their spends at
 * the same moment, as instances behind a load balancer would; resolves with successes per worker.
 */
export async function runWorkers(processes: number, args: WorkerArgs): Promise<number[]> {
  const workers = Array.from({ length: processes }, () => startWorker(args))
  await Promise.all(workers.map((w) => w.ready))
  for (const w of workers) w.go()
  return Promise.all(workers.map((w) => w.done))
}
