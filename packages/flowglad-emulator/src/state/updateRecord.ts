/**
 * Writes a typed patch onto a stored record in place (records are shared with responses, so
 * they are mutated, not replaced). Unlike `Object.assign`, a misspelt or mistyped field is a
 * type error; `undefined` values are skipped, so optional input fields leave the record alone.
 */
export function updateRecord<T extends object>(record: T, patch: { [K in keyof T]?: T[K] | undefined }): T {
  for (const key of Object.keys(patch) as Array<keyof T>) {
    const value = patch[key]
    if (value !== undefined) record[key] = value as T[keyof T]
  }
  return record
}
