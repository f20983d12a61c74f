import type { EmulatorData } from '../state/EmulatorData'
import { STORAGE_KINDS } from '../state/storageKinds'

type Key = keyof EmulatorData
const KEYS = Object.keys(STORAGE_KINDS) as Key[]
const field = (key: string) => JSON.stringify(key)

/** What a compaction writes: the committed state at one commit, detached from later changes. */
export interface FrozenImage {
  /** JSON of each `value` field and of each `records` record, as committed. */
  values: Map<Key, string>
  records: Map<Key, string[]>
  /** `appendOnly` arrays cut at their committed length (records in them never change). */
  appended: Map<Key, unknown[]>
}

/**
 * The state as the journal last recorded it, so a commit can write only what changed since.
 * `records` fields keep each record's JSON (compared on every commit); `appendOnly` fields keep
 * only the array and its committed length, which is why appending stays O(1) as they grow.
 */
export class JournalImage {
  private data: EmulatorData | undefined
  private readonly values = new Map<Key, string>()
  private readonly records = new Map<Key, string[]>()
  private readonly appended = new Map<Key, { array: unknown[]; length: number }>()

  /** Takes `data` as fully written (after a snapshot); returns that snapshot's journal line. */
  capture(data: EmulatorData): string {
    this.data = data
    for (const key of KEYS) {
      const value = data[key]
      const kind = STORAGE_KINDS[key]
      if (kind === 'value') this.values.set(key, JSON.stringify(value))
      else if (kind === 'records')
        this.records.set(
          key,
          (value as unknown[]).map((r) => JSON.stringify(r)),
        )
      else this.appended.set(key, { array: value as unknown[], length: (value as unknown[]).length })
    }
    return snapshotLine(this.freeze())
  }

  /**
   * The journal line for everything that changed since the last capture or commit (and records it
   * as written), or null when nothing did. A replaced state object (reset, restore) is a snapshot.
   */
  commit(data: EmulatorData, seq: number): string | null {
    if (data !== this.data) return this.capture(data)
    const set: string[] = []
    const rows: string[] = []
    const lengths: string[] = []
    for (const key of KEYS) {
      const kind = STORAGE_KINDS[key]
      if (kind === 'value') {
        const json = JSON.stringify(data[key])
        if (json !== this.values.get(key)) {
          set.push(`${field(key)}:${json}`)
          this.values.set(key, json)
        }
      } else if (kind === 'records') {
        const array = data[key] as unknown[]
        const written = this.records.get(key) as string[]
        const changed: string[] = []
        for (let i = 0; i < array.length; i++) {
          const json = JSON.stringify(array[i])
          if (json !== written[i]) {
            changed.push(`[${i},${json}]`)
            written[i] = json
          }
        }
        if (changed.length > 0) rows.push(`${field(key)}:[${changed.join(',')}]`)
        if (written.length > array.length) {
          written.length = array.length
          lengths.push(`${field(key)}:${array.length}`)
        }
      } else {
        const array = data[key] as unknown[]
        const written = this.appended.get(key) as { array: unknown[]; length: number }
        if (written.array !== array || array.length < written.length) {
          // Replaced or shortened: not an append, so the whole field goes out.
          set.push(`${field(key)}:${JSON.stringify(array)}`)
          this.appended.set(key, { array, length: array.length })
        } else if (array.length > written.length) {
          const added: string[] = []
          for (let i = written.length; i < array.length; i++) added.push(`[${i},${JSON.stringify(array[i])}]`)
          rows.push(`${field(key)}:[${added.join(',')}]`)
          written.length = array.length
        }
      }
    }
    if (set.length + rows.length + lengths.length === 0) return null
    let line = `{"commit":${seq}`
    if (set.length > 0) line += `,"set":{${set.join(',')}}`
    if (rows.length > 0) line += `,"rows":{${rows.join(',')}}`
    if (lengths.length > 0) line += `,"length":{${lengths.join(',')}}`
    return `${line}}\n`
  }

  /** A copy of the committed state that later commits do not touch (what a compaction writes). */
  freeze(): FrozenImage {
    const records = new Map<Key, string[]>()
    for (const [key, written] of this.records) records.set(key, written.slice())
    const appended = new Map<Key, unknown[]>()
    for (const [key, { array, length }] of this.appended) appended.set(key, array.slice(0, length))
    return { values: new Map(this.values), records, appended }
  }
}

/** Records of an `appendOnly` field serialised per chunk, so a compaction yields between them. */
const CHUNK = 2000

/** The snapshot line of a frozen image, in pieces: `appendOnly` fields in chunks of `CHUNK` records. */
export function* snapshotPieces(image: FrozenImage): Generator<string> {
  let first = true
  yield '{"snapshot":{'
  for (const key of KEYS) {
    yield `${first ? '' : ','}${field(key)}:`
    first = false
    const kind = STORAGE_KINDS[key]
    if (kind === 'value') yield image.values.get(key) ?? 'null'
    else if (kind === 'records') yield `[${(image.records.get(key) ?? []).join(',')}]`
    else {
      const array = image.appended.get(key) ?? []
      yield '['
      for (let i = 0; i < array.length; i += CHUNK) {
        const chunk = JSON.stringify(array.slice(i, i + CHUNK))
        yield `${i === 0 ? '' : ','}${chunk.slice(1, -1)}`
      }
      yield ']'
    }
  }
  yield '}}\n'
}

/** The whole snapshot line at once. */
export function snapshotLine(image: FrozenImage): string {
  return [...snapshotPieces(image)].join('')
}
