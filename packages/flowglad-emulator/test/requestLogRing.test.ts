import { describe, expect, it } from 'vitest'
import { RequestLog, type RequestLogEntry } from '../src/http/RequestLog'

const entry = (n: number): RequestLogEntry => ({
  method: n % 2 === 0 ? 'GET' : 'POST',
  path: `/api/v1/r/${n}`,
  query: '',
  status: 200,
  durationMs: 1,
  at: n,
})

describe('RequestLog', () => {
  it('keeps the last entries in arrival order once full, filters included', () => {
    const log = new RequestLog(3)
    for (let n = 1; n <= 7; n++) log.record(entry(n))
    expect(log.list().map((e) => e.at)).toEqual([5, 6, 7])
    expect(log.list({ method: 'get' }).map((e) => e.at)).toEqual([6])
    log.clear()
    expect(log.list()).toEqual([])
    log.record(entry(8))
    expect(log.list().map((e) => e.at)).toEqual([8])
  })

  it('still corrects the status of an entry that is in the ring', () => {
    const log = new RequestLog(2)
    const answer = {}
    log.record(entry(1))
    log.record(entry(2), answer)
    log.record(entry(3))
    log.replaced(answer, 500)
    expect(log.list().map((e) => e.status)).toEqual([500, 200])
  })
})
