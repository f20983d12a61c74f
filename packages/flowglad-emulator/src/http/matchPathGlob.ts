/**
 * Whether `path` matches `glob`: `*` is any run of characters within one segment, `**` (a whole
 * segment) any number of segments, everything else literal. Dynamic programming over segments and
 * characters, so the cost is O(|glob| × |path|) whatever the input: a fault pattern sent over HTTP
 * can never backtrack the way a regular expression can.
 */
export function matchPathGlob(glob: string, path: string): boolean {
  const pattern = glob.split('/')
  const segments = path.split('/')
  // reachable[j]: pattern[0..i) can match segments[0..j).
  let reachable = new Array<boolean>(segments.length + 1).fill(false)
  reachable[0] = true
  for (const part of pattern) {
    const next = new Array<boolean>(segments.length + 1).fill(false)
    if (part === '**') {
      let any = false
      for (let j = 0; j <= segments.length; j += 1) {
        any ||= reachable[j] as boolean
        next[j] = any
      }
    } else {
      for (let j = 0; j < segments.length; j += 1)
        if (reachable[j] && matchSegment(part, segments[j] as string)) next[j + 1] = true
    }
    reachable = next
  }
  return reachable[segments.length] as boolean
}

/** `*` within one segment, by the linear two-pointer wildcard match (no backtracking blow-up). */
function matchSegment(part: string, text: string): boolean {
  let p = 0
  let t = 0
  let star = -1
  let resume = 0
  while (t < text.length) {
    if (p < part.length && part[p] !== '*' && part[p] === text[t]) {
      p += 1
      t += 1
    } else if (p < part.length && part[p] === '*') {
      star = p
      resume = t
      p += 1
    } else if (star !== -1) {
      p = star + 1
      resume += 1
      t = resume
    } else return false
  }
  while (p < part.length && part[p] === '*') p += 1
  return p === part.length
}
