/** Runs once when the Next.js server starts: fail loudly in the log, not silently per page. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { runStartupCheck } = await import('./server/startupCheck')
  await runStartupCheck()
}
