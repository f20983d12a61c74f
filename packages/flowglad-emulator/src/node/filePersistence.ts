import { existsSync, mkdirSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs'
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { EmulatorData } from '../state/EmulatorData'
import type { EmulatorStore } from '../state/EmulatorStore'
import { type FrozenImage, JournalImage, snapshotPieces } from './JournalImage'
import { JOURNAL_HEADER, type LoadedDataFile, readDataFile } from './readDataFile'

export type { LoadedDataFile } from './readDataFile'
export { readDataFile } from './readDataFile'

/** Reads persisted state (journal or legacy whole-state file), or undefined when there is none yet. */
export function readStateFile(file: string): EmulatorData | undefined {
  return readDataFile(file)?.data
}

const syncFolder = async (file: string): Promise<void> => {
  // Makes a rename durable; not every platform can open a directory, which is fine.
  try {
    const folder = await open(dirname(file), 'r')
    await folder.sync().finally(() => folder.close())
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

/** Deletes `FILE.<pid>[.compact].tmp` left by a process killed mid-write (never a live process's). */
function removeStrayTempFiles(file: string): void {
  const escaped = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`^${escaped}\\.(\\d+)(?:\\.compact)?\\.tmp$`)
  for (const name of readdirSync(dirname(file))) {
    const pid = Number(pattern.exec(name)?.[1] ?? Number.NaN)
    if (Number.isInteger(pid) && (pid === process.pid || !isAlive(pid)))
      rmSync(join(dirname(file), name), { force: true })
  }
}

/** Handle on a running persister. */
export interface FilePersistence {
  /**
   * Resolves once every change made so far is on disk (fsynced); rejects if the commit that carried
   * them failed. Concurrent callers share one commit (group commit).
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
  /**
   * Compact (rewrite as one snapshot, in the background) once the commits after the last snapshot
   * exceed both this many bytes and the snapshot's size; default 1 MiB. The ratio keeps the total
   * rewrite cost proportional to what was written, so a write stays O(1) amortised.
   */
  compactAfterBytes?: number
  /** The file as `createEmulator` already read it (the store holds its `data`), to append to it as is. */
  loaded?: LoadedDataFile | undefined
}

interface Waiter {
  change: number
  resolve(): void
  reject(error: Error): void
}

/** A compaction under way: its snapshot is written outside the commit queue, commits meanwhile are kept. */
interface Compaction {
  temp: string
  handle: FileHandle | undefined
  /** Commit lines appended since its snapshot was taken; they follow the snapshot in the new file. */
  tail: Buffer[]
  /** Set when its snapshot is on the temp file and only the swap (inside the commit queue) is left. */
  ready: boolean
  /** Size of the header and snapshot it wrote. */
  snapshotBytes: number
  cancelled: boolean
  done: Promise<void>
}

/** Writes `pieces` to a fresh file; yields to the event loop between pieces. */
async function writePieces(handle: FileHandle, pieces: Iterable<string>): Promise<number> {
  let bytes = 0
  for (const piece of pieces) {
    const buffer = Buffer.from(piece)
    await handle.write(buffer)
    bytes += buffer.length
  }
  return bytes
}

/**
 * Persists the store to `file` as an append-only journal (format in the README): a header, one
 * snapshot line, then one line per commit with only what changed. Changes nobody waits for are
 * committed on the next tick; `flush()` is what a request awaits before its answer. Commits run one
 * at a time; changes made during one share the next (group commit: one write + fdatasync). When the
 * commits outgrow the snapshot, a background compaction rewrites the file as a new snapshot.
 * A failed commit is logged and fails only the flushes it carried; the next one rewrites the whole
 * file atomically (temp + fsync + rename), so a half-written line never sits mid-journal.
 */
export function persistToFile(
  store: EmulatorStore,
  file: string,
  options: FilePersistenceOptions = {},
): FilePersistence {
  const log = options.log ?? ((message: string) => console.error(message))
  const compactAfterBytes = options.compactAfterBytes ?? 1024 * 1024
  const loaded = options.loaded
  try {
    mkdirSync(dirname(file), { recursive: true })
    removeStrayTempFiles(file)
    // Drop a torn last line, so the next append starts on a fresh line.
    if (loaded?.format === 'journal' && existsSync(file) && statSync(file).size > loaded.validBytes)
      truncateSync(file, loaded.validBytes)
  } catch (error) {
    throw new Error(`Cannot prepare the folder of the data file ${file}: ${(error as Error).message}`, {
      cause: error,
    })
  }
  const image = new JournalImage()
  /**
   * Commits are appended only to a journal that holds exactly the store's state (the file the
   * store was loaded from); otherwise (no file, a legacy file, another state) the first commit
   * writes the state out whole.
   */
  let rewriteNeeded = true
  if (loaded?.format === 'journal' && loaded.data === store.data) {
    image.capture(store.data)
    rewriteNeeded = false
  }
  let snapshotBytes = loaded?.snapshotBytes ?? 0
  let journalBytes = loaded?.journalBytes ?? 0
  let journal: { handle: FileHandle; ino: number } | undefined
  let compaction: Compaction | undefined
  let seq = 0

  let changes = 0
  let saved = 0
  let saving = false
  let scheduled = false
  let waiters: Waiter[] = []

  const openJournal = async (): Promise<void> => {
    await journal?.handle.close().catch(() => {})
    journal = undefined
    const handle = await open(file, 'a')
    journal = { handle, ino: (await handle.stat()).ino }
  }

  /** Writes the whole state as a new journal (header + snapshot), atomically. */
  const rewrite = async (): Promise<void> => {
    cancelCompaction()
    const text = JOURNAL_HEADER + image.capture(store.data)
    await mkdir(dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
    await syncFolder(file)
    await openJournal()
    snapshotBytes = Buffer.byteLength(text)
    journalBytes = 0
  }

  const append = async (line: string): Promise<void> => {
    if (!journal) await openJournal()
    const { handle, ino } = journal as { handle: FileHandle; ino: number }
    // An fd outlives its file: writing to a removed or replaced one would acknowledge lost data.
    if ((await stat(file)).ino !== ino) throw new Error('the data file was removed or replaced')
    const buffer = Buffer.from(line)
    await handle.write(buffer)
    await handle.datasync()
    journalBytes += buffer.length
    if (compaction && !compaction.cancelled) compaction.tail.push(buffer)
  }

  /** A cancelled compaction stays in `compaction` until it has removed its temp file. */
  const cancelCompaction = (): void => {
    if (compaction) compaction.cancelled = true
  }

  const startCompaction = (frozen: FrozenImage): void => {
    const job: Compaction = {
      temp: `${file}.${process.pid}.compact.tmp`,
      handle: undefined,
      tail: [],
      ready: false,
      snapshotBytes: 0,
      cancelled: false,
      done: Promise.resolve(),
    }
    compaction = job
    job.done = (async () => {
      try {
        job.handle = await open(job.temp, 'w')
        let bytes = await writePieces(job.handle, [JOURNAL_HEADER])
        for (const piece of snapshotPieces(frozen)) {
          if (job.cancelled) break
          bytes += await writePieces(job.handle, [piece])
          // Serialising a big appendOnly field is spread over ticks, so requests keep flowing.
          await new Promise((resolve) => setImmediate(resolve))
        }
        if (job.cancelled) throw new Error('cancelled')
        job.snapshotBytes = bytes
        job.ready = true
        void save()
      } catch (error) {
        if (!job.cancelled)
          log(`flowglad-emulator: compaction of ${file} failed: ${(error as Error).message}`)
        await dropCompaction(job)
      }
    })()
  }

  const dropCompaction = async (job: Compaction): Promise<void> => {
    if (compaction === job) compaction = undefined
    job.cancelled = true
    await job.handle?.close().catch(() => {})
    await rm(job.temp, { force: true }).catch(() => {})
  }

  /** Inside the commit queue: the snapshot plus the commits since, fsynced, then renamed over the journal. */
  const finishCompaction = async (job: Compaction): Promise<void> => {
    try {
      const handle = job.handle as FileHandle
      let tailBytes = 0
      for (const buffer of job.tail) {
        await handle.write(buffer)
        tailBytes += buffer.length
      }
      await handle.sync()
      await handle.close()
      job.handle = undefined
      await rename(job.temp, file)
      await syncFolder(file)
      await openJournal()
      snapshotBytes = job.snapshotBytes
      journalBytes = tailBytes
      compaction = undefined
    } catch (error) {
      log(`flowglad-emulator: compaction of ${file} failed: ${(error as Error).message}`)
      await dropCompaction(job)
      // The old journal may or may not have been replaced: write the state out whole next time.
      rewriteNeeded = true
    }
  }

  const save = async (): Promise<void> => {
    if (saving || (saved === changes && !compaction?.ready)) return
    saving = true
    const upTo = changes
    let failure: Error | undefined
    try {
      if (compaction?.ready)
        await (compaction.cancelled ? dropCompaction(compaction) : finishCompaction(compaction))
      if (saved !== upTo) {
        if (rewriteNeeded) {
          await rewrite()
          rewriteNeeded = false
        } else {
          const line = image.commit(store.data, ++seq)
          if (line) await append(line)
        }
        saved = upTo
        if (!compaction && journalBytes > Math.max(compactAfterBytes, snapshotBytes))
          startCompaction(image.freeze())
      }
    } catch (error) {
      rewriteNeeded = true
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
    // Changes made while this commit ran go out in the next one, together. After a failure only a
    // waiting request retries at once (no busy loop); otherwise the next change or close() does.
    if (waiters.length > 0 || (!failure && (saved !== changes || compaction?.ready))) void save()
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
      try {
        // Also retries a background save that failed: flush() saves whatever is not on disk.
        await flush()
      } finally {
        const job = compaction
        if (job) {
          cancelCompaction()
          await job.done
          if (compaction === job) await dropCompaction(job)
        }
        await journal?.handle.close().catch(() => {})
        journal = undefined
      }
    },
  }
}
