/** Organization every record belongs to: the emulator serves exactly one. */
export const ORGANIZATION_ID = 'org_emulator'
/** Catalog records are stamped with a fixed time so ids and payloads stay stable across restarts. */
export const CATALOG_EPOCH = Date.UTC(2025, 0, 1)
/** The API key the emulator accepts unless told otherwise. */
export const DEFAULT_API_KEY = 'sk_test_flowglad_emulator'
