import { existsSync, readFileSync } from 'node:fs'
import { type EmulatorData, emptyEmulatorData } from '../state/EmulatorData'

/** First line of a journal data file; anything else is read as a legacy whole-state JSON file. */
export const JOURNAL_HEADER = '{"format":"flowglad-emulator-journal","version":1}\n'

/** A data file as loaded, with what the persister needs to append to it. */
export interface LoadedDataFile {
  data: EmulatorData
  /** `legacy`: one whole-state JSON object (written before the journal); the next save converts it. */
  format: 'journal' | 'legacy'
  /** Bytes of whole lines; anything after them is a torn append that was never acknowledged. */
  validBytes: number
  /** Size of the header and the last snapshot line, and of the commit lines after it. */
  snapshotBytes: number
  journalBytes: number
}

interface CommitLine {
  commit?: number
  snapshot?: EmulatorData
  set?: Record<string, unknown>
  rows?: Record<string, Array<[number, unknown]>>
  length?: Record<string, number>
}

const checkVersion = (file: string, data: EmulatorData): EmulatorData => {
  if (data.version !== 1) throw new Error(`${file}: unsupported state version ${String(data.version)}`)
  // Fields added since the file was written start empty.
  return { ...emptyEmulatorData(), ...data }
}

/** The array field `key`, created empty if the snapshot predates it. */
function arrayField(data: Record<string, unknown>, key: string): unknown[] {
  if (!Array.isArray(data[key])) data[key] = []
  return data[key] as unknown[]
}

function applyCommit(data: Record<string, unknown>, line: CommitLine): void {
  for (const [key, value] of Object.entries(line.set ?? {})) data[key] = value
  for (const [key, rows] of Object.entries(line.rows ?? {})) {
    const array = arrayField(data, key)
    for (const [index, record] of rows) array[index] = record
  }
  for (const [key, length] of Object.entries(line.length ?? {})) arrayField(data, key).length = length
}

/**
 * Reads a data file, or undefined when there is none yet. A journal is replayed line by line: the
 * last snapshot, then every commit after it. An unterminated or unreadable last line is an append
 * cut short by a crash (never acknowledged: answers wait for fsync) and is ignored; a bad line
 * anywhere else is corruption and an error, never a silent reset.
 */
export function readDataFile(file: string): LoadedDataFile | undefined {
  if (!existsSync(file)) return undefined
  const bytes = readFileSync(file)
  const header = Buffer.from(JOURNAL_HEADER)
  if (!bytes.subarray(0, header.length).equals(header)) {
    const data = checkVersion(file, JSON.parse(bytes.toString('utf8')) as EmulatorData)
    return { data, format: 'legacy', validBytes: bytes.length, snapshotBytes: bytes.length, journalBytes: 0 }
  }
  let data: EmulatorData | undefined
  let start = header.length
  let snapshotBytes = 0
  let journalBytes = 0
  for (let lineNumber = 2; start < bytes.length; lineNumber++) {
    const end = bytes.indexOf(10, start)
    const last = end === -1 || end === bytes.length - 1
    let line: CommitLine
    try {
      if (end === -1) throw new Error('unterminated')
      line = JSON.parse(bytes.toString('utf8', start, end)) as CommitLine
    } catch (error) {
      if (last) break
      throw new Error(`${file}: line ${lineNumber} is corrupt (${(error as Error).message})`)
    }
    const size = end + 1 - start
    if (line.snapshot) {
      data = checkVersion(file, line.snapshot)
      snapshotBytes = header.length + size
      journalBytes = 0
    } else if (data && typeof line.commit === 'number') {
      applyCommit(data as unknown as Record<string, unknown>, line)
      journalBytes += size
    } else throw new Error(`${file}: line ${lineNumber} is not a snapshot or a commit after one`)
    start = end + 1
  }
  if (!data) throw new Error(`${file}: the journal has no snapshot`)
  return { data: checkVersion(file, data), format: 'journal', validBytes: start, snapshotBytes, journalBytes }
}
