import { errorResponse } from '../http/errorResponse'
import { FlowgladApiError } from '../state/FlowgladApiError'
import type { FilePersistence } from './filePersistence'

/**
 * Wraps a handler (or an in-process fetch) so that a request that changed state is answered only
 * once that change is on disk: an acknowledged write survives kill -9. A request that changed
 * nothing is answered at once. A failed save turns the answer into a 500 saying the outcome is
 * unknown (the change stays in memory and goes out with the next save), never a silent 200.
 */
export function answerWhenSaved<Args extends unknown[]>(
  handle: (...args: Args) => Promise<Response>,
  persistence: FilePersistence,
  /** Told when an answer is replaced, so the request log shows what the client received. */
  onReplaced: (answer: Response, status: number) => void = () => {},
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    const before = persistence.changeCount()
    const response = await handle(...args)
    if (persistence.changeCount() === before) return response
    try {
      await persistence.flush()
      return response
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      onReplaced(response, 500)
      return errorResponse(
        new FlowgladApiError(
          'INTERNAL_SERVER_ERROR',
          `${reason}. The change is kept in memory and saved with the next one; treat this write's outcome as unknown.`,
        ),
      )
    }
  }
}
