/** A Markdown table with padded columns, as the repo's formatter (Biome) lays tables out. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = (text: string) => [...text].length
  const widths = header.map((title, column) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[column] ?? ''))),
  )
  const line = (cells: readonly string[]) =>
    `| ${widths.map((size, column) => (cells[column] ?? '').padEnd(size)).join(' | ')} |`
  return [line(header), line(widths.map((size) => '-'.repeat(size))), ...rows.map(line)]
}
