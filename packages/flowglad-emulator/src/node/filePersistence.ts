import { existsSync, readFileSync } from 'node:fs'
import { open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
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

/** Handle on a running persister. */
export interface FilePersistence {
  /** Writes any pending change now. */
  flush(): Promise<void>
  /** Flushes and stops listening. */
  close(): Promise<void>
}

/** Saves the store to `file` after changes, debounced; writes never overlap. */
export function persistToFile(store: EmulatorStore, file: string, debounceMs = 25): FilePersistence {
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirty = false
  let writing: Promise<void> = Promise.resolve()

  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!dirty) return writing
    dirty = false
    const text = JSON.stringify(store.data)
    writing = writing.then(() => writeAtomically(file, text))
    return writing
  }
  const unsubscribe = store.onChange(() => {
    dirty = true
    if (!timer) timer = setTimeout(() => void flush().catch(() => {}), debounceMs)
  })
  return {
    flush,
    close: async () => {
      unsubscribe()
      await flush()
    },
  }
}
