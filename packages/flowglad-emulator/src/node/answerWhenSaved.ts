import { type ApiReply, responseToReply } from '../http/ApiReply'
import { errorResponse } from '../http/errorResponse'
import { FlowgladApiError } from '../state/FlowgladApiError'
import type { FilePersistence } from './filePersistence'

/** The 500 a request gets when its change could not be saved: the outcome is unknown, never a silent 200. */
function unsavedError(error: unknown): FlowgladApiError {
  const reason = error instanceof Error ? error.message : String(error)
  return new FlowgladApiError(
    'INTERNAL_SERVER_ERROR',
    `${reason}. The change is kept in memory and saved with the next one; treat this write's outcome as unknown.`,
  )
}

/** `answerWhenSaved` for any answer type, given how an unsaved change is answered. */
function whenSaved<Args extends unknown[], Answer>(
  handle: (...args: Args) => Promise<Answer>,
  persistence: FilePersistence,
  unsaved: (error: FlowgladApiError) => Answer | Promise<Answer>,
  onReplaced: (answer: Answer, status: number) => void,
): (...args: Args) => Promise<Answer> {
  return async (...args) => {
    const before = persistence.changeCount()
    const answer = await handle(...args)
    if (persistence.changeCount() === before) return answer
    try {
      await persistence.flush()
      return answer
    } catch (error) {
      // The request log shows what the client gets: this 500, not the handler's answer.
      onReplaced(answer, 500)
      return unsaved(unsavedError(error))
    }
  }
}

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
  return whenSaved(handle, persistence, errorResponse, onReplaced)
}

/** `answerWhenSaved` for the node server's direct API path, which answers with `ApiReply`. */
export function replyWhenSaved<Args extends unknown[]>(
  handle: (...args: Args) => Promise<ApiReply>,
  persistence: FilePersistence,
  onReplaced: (answer: ApiReply, status: number) => void = () => {},
): (...args: Args) => Promise<ApiReply> {
  return whenSaved(handle, persistence, (error) => responseToReply(errorResponse(error)), onReplaced)
}
