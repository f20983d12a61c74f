import { readFile, writeFile } from 'node:fs/promises'
import { PricingFileError, type PricingSlugs, readPricingSlugs } from './pricingSlugs'
import { renderSlugModule } from './slugModule'

// C0 and C1 control characters, DEL, and the two Unicode line terminators: none belongs in a slug,
// and each would make a generated literal (or the line it sits on) mean something else.
function firstControl(slug: string): number | undefined {
  for (const char of slug) {
    const code = char.codePointAt(0) ?? 0
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return code
  }
  return undefined
}

/** Refuses a slug with a control character, naming the slug (escaped), its kind and the file. */
function checkSlugs(slugs: PricingSlugs, file: string): void {
  for (const [kind, list] of Object.entries(slugs)) {
    for (const slug of list) {
      const control = firstControl(slug)
      if (control === undefined) continue
      const code = `U+${control.toString(16).toUpperCase().padStart(4, '0')}`
      throw new PricingFileError(
        `${JSON.stringify(file)}: the ${kind} slug ${JSON.stringify(slug)} contains a control character (${code}); slugs cannot contain control characters`,
      )
    }
  }
}

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
  checkSlugs(slugs, options.pricing)
  const next = renderSlugModule(slugs)
  const current = await readFile(options.out, 'utf8').catch(() => undefined)
  if (options.check) return current === next ? 'up-to-date' : 'out-of-date'
  if (current === next) return 'unchanged'
  await writeFile(options.out, next)
  return 'written'
}
