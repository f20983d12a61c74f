import { z } from 'zod'
import { FlowgladApiError, type FlowgladErrorCode } from '../state/FlowgladApiError'
import { jsonResponse } from './jsonResponse'

const statusOf: Record<FlowgladErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INTERNAL_SERVER_ERROR: 500,
}

const codeOf = new Map(Object.entries(statusOf).map(([code, status]) => [status, code as FlowgladErrorCode]))

/** The Flowglad code that goes with a status (an injected fault's default body); unknown ones are 500-class. */
export function codeForStatus(status: number): FlowgladErrorCode {
  return codeOf.get(status) ?? 'INTERNAL_SERVER_ERROR'
}

/** Turns zod issues into Flowglad's `issues` entries: `{ message }` only (the spec is strict), path first. */
export function zodIssues(error: z.ZodError): Array<{ message: string }> {
  return error.issues.map((issue) => ({
    message: issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
  }))
}

/**
 * The one place any failure becomes an HTTP response: `{ code, message, issues? }` with the
 * status Flowglad uses. Unknown errors are a 500 with a generic message, so nothing internal
 * (and never the API key) leaks.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof FlowgladApiError) {
    const body = {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    }
    return jsonResponse(body, statusOf[error.code])
  }
  if (error instanceof z.ZodError) {
    return errorResponse(new FlowgladApiError('BAD_REQUEST', 'Invalid request', zodIssues(error)))
  }
  return errorResponse(new FlowgladApiError('INTERNAL_SERVER_ERROR', 'Internal server error'))
}
