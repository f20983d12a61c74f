/** "Jan 7, 2027"; "—" when there is no date. */
export function formatDate(value: string | number | Date | null | undefined): string {
  return value ? new Date(value).toLocaleDateString('en-US', { dateStyle: 'medium' }) : '—'
}
