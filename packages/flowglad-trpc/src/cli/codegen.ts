import { readFile, writeFile } from 'node:fs/promises'
import { readPricingSlugs } from './pricingSlugs'
import { renderSlugModule } from './slugModule'

/** Options of `codegen`, as the command line gives them. */
export interface CodegenOptions {
  /** The pricing setup file (YAML or JSON). */
  readonly pricing: string
  /** The TypeScript module to write. */
  readonly out: string
  /** Write nothing; fail when `out` differs from what would be written (for CI). */
  readonly check?: boolean
}

/** What `codegen` did. */
export type CodegenResult = 'written' | 'unchanged' | 'up-to-date' | 'out-of-date'

/** Generates (or, with `check`, verifies) the typed-slug module for a pricing file. */
export async function codegen(options: CodegenOptions): Promise<CodegenResult> {
  const text = await readFile(options.pricing, 'utf8')
  const slugs = await readPricingSlugs(text, options.pricing)
  const next = renderSlugModule(slugs, options.pricing, options.out)
  const current = await readFile(options.out, 'utf8').catch(() => undefined)
  if (options.check) return current === next ? 'up-to-date' : 'out-of-date'
  if (current === next) return 'unchanged'
  await writeFile(options.out, next)
  return 'written'
}
