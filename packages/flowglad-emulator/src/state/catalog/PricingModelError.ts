/** A pricing setup file that does not hold together (unknown slug, duplicate, bad layout). */
export class PricingModelError extends Error {
  override readonly name = 'PricingModelError'
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(issues.length > 0 ? `${message}:\n- ${issues.join('\n- ')}` : message)
  }
}
