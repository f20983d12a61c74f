import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { mkdir, open, rename } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { EmulatorData } from '../state/EmulatorData'
import type { EmulatorStore } from '../state/EmulatorStore'

/** Reads persisted state, or undefined when there is none yet. A corrupt file is an error, not a reset. */
export function readStateFile(file: string): EmulatorData | undefined {
  if (!existsSync(file)) return undefined
  const data = JSON.parse(readFileSync(file, 'utf8')) as EmulatorData
  if (data.version !== 1) throw new Error(`${file}: unsupported state version ${String(data.version)}`)
  return data
}

/** Writes `text` so that a crash at any point leaves either the old or the new file: temp, fsync, rename. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, file)
  // Make the rename itself durable; not every platform can open a directory, which is fine.
  try {
    const directory = await open(dirname(file), 'r')
    await directory.sync().finally(() => directory.close())
  } catch {}
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Deletes `FILE.<pid>.tmp` left by a process killed mid-write (never a live process's own temp file). */
function removeStrayTempFiles(file: string): void {
  const pattern = new RegExp(`^${basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.tmp$`)
  for (const name of readdirSync(dirname(file))) {
    const pid = Number(pattern.exec(name)?.[1] ?? Number.NaN)
    if (Number.isInteger(pid) && (pid === process.pid || !isAlive(pid)))
      rmSync(join(dirname(file), name), { force: true })
  }
}

/** Handle on a running persister. */
export interface FilePersistence {
  /**
   * Resolves once every change made so far is on disk (fsynced); rejects if the save that carried
   * them failed. Concurrent callers share one write (group commit).
   */
  flush(): Promise<void>
  /** How many changes the store has reported so far (a request compares it before and after). */
  changeCount(): number
  /** Stops listening and saves what is left; rejects, naming the file, if that last save fails. */
  close(): Promise<void>
}

/** Options of `persistToFile`. */
export interface FilePersistenceOptions {
  /** Where failed saves are reported; default `console.error`. */
  log?: (message: string) => void
}

interface Waiter {
  change: number
  resolve(): void
  reject(error: Error): void
}

/**
 * Saves the store to `file` as whole-state snapshots (temp + fsync + rename), creating its folder.
 * Changes nobody waits for are saved on the next tick; `flush()` is what a request awaits before
 * its answer. A failed save is logged and fails only the flushes it carried: the next one retries.
 */
export function persistToFile(
  store: EmulatorStore,
  file: string,
  options: FilePersistenceOptions = {},
): FilePersistence {
  const log = options.log ?? ((message: string) => console.error(message))
  try {
    mkdirSync(dirname(file), { recursive: true })
    removeStrayTempFiles(file)
  } catch (error) {
    throw new Error(`Cannot prepare the folder of the data file ${file}: ${(error as Error).message}`, {
      cause: error,
    })
  }
  /** Number of changes seen, and how many of them the file on disk holds. */
  let changes = 0
  let saved = 0
  let saving = false
  let scheduled = false
  let waiters: Waiter[] = []

  const save = async (): Promise<void> => {
    if (saving || saved === changes) return
    saving = true
    const upTo = changes
    let failure: Error | undefined
    try {
      const text = JSON.stringify(store.data)
      // Recreated every time: the folder may have been removed since the last save.
      await mkdir(dirname(file), { recursive: true })
      await writeAtomically(file, text)
      saved = upTo
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      failure = new Error(`Flowglad emulator state could not be saved to ${file}: ${reason}`, {
        cause: error,
      })
      log(`flowglad-emulator: ${failure.message} (kept in memory; the next change retries)`)
    } finally {
      saving = false
    }
    const done = waiters.filter((w) => w.change <= upTo)
    waiters = waiters.filter((w) => w.change > upTo)
    for (const waiter of done) failure ? waiter.reject(failure) : waiter.resolve()
    // Changes made while this save ran go out in the next one, together. After a failure only a
    // waiting request retries at once (no busy loop); otherwise the next change or close() does.
    if (waiters.length > 0 || (!failure && saved !== changes)) void save()
  }

  const flush = (): Promise<void> => {
    if (saved === changes) return Promise.resolve()
    const promise = new Promise<void>((resolve, reject) => waiters.push({ change: changes, resolve, reject }))
    void save()
    return promise
  }

  const unsubscribe = store.onChange(() => {
    changes++
    // Not synchronously: the operation that reported the change may not have finished mutating.
    if (scheduled) return
    scheduled = true
    setImmediate(() => {
      scheduled = false
      void save()
    })
  })

  return {
    flush,
    changeCount: () => changes,
    close: async () => {
      unsubscribe()
      // Also retries a background save that failed: flush() saves whatever is not on disk.
      await flush()
    },
  }
}
