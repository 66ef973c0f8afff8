import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { StoreUnavailable } from '../eventstore/errors.js';
import { DependencyUnavailable } from './dependency.js';
import { HttpProblem, notFound, PROBLEM_CONTENT_TYPE, serviceUnavailable } from './problem.js';

/** Logs without request bodies or headers: only what is safe to keep (no PHI, no tokens). */
export interface ProblemLogger {
  error(fields: Record<string, unknown>, message: string): void;
}

export function sendProblem(res: Response, problem: HttpProblem, instance?: string): void {
  // The rule a refusal names (a stable code, never personal data), for the command metrics.
  if (typeof problem.extensions.rule === 'string') res.locals['problemRule'] = problem.extensions.rule;
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem.toBody(instance)));
}

/** body-parser errors carry a `type` and a status; they are the client's fault, with fixed wording. */
function fromBodyParser(error: unknown): HttpProblem | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  switch ((error as { type: unknown }).type) {
    case 'entity.parse.failed':
      return new HttpProblem(400, 'malformed-json', 'Bad request', 'The body is not valid JSON.');
    case 'entity.too.large':
      return new HttpProblem(413, 'body-too-large', 'Content too large', 'The body exceeds the size limit.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, 'unsupported-encoding', 'Unsupported media type', 'Unsupported body encoding.');
    case 'request.aborted':
      return new HttpProblem(400, 'request-aborted', 'Bad request', 'The request was aborted.');
    default:
      return undefined;
  }
}

/** Maps anything thrown to a problem. Unknown errors become a bare 500 (logged with a request id only). */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof StoreUnavailable) return serviceUnavailable('The event store is unavailable.');
  if (error instanceof DependencyUnavailable)
    return serviceUnavailable(`A dependency is unavailable: ${error.service}.`);
  return (
    fromBodyParser(error) ??
    new HttpProblem(500, 'internal-error', 'Internal server error', 'The request could not be completed.')
  );
}

export function problemHandler(logger?: ProblemLogger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(error);
    if (problem.status >= 500 && logger) {
      // The error name and message of our own errors carry no request data; others are reduced to their name.
      const safe = error instanceof Error ? { errorName: error.name } : {};
      logger.error({ ...safe, requestId: res.locals['requestId'], status: problem.status }, problem.code);
    }
    if (res.headersSent) return;
    sendProblem(res, problem, req.originalUrl.split('?')[0]);
  };
}

/** The last route: anything unmatched is a 404 problem. */
export const notFoundHandler: RequestHandler = (req) => {
  throw notFound(`No route for ${req.method} ${req.path}.`);
};
