/**
 * One error shape for every HTTP answer that is not a success: `application/problem+json`
 * (RFC 9457). Bodies carry stable codes and field names, never stack traces or personal data.
 */

export interface FieldError {
  /** Where the bad value sits, e.g. `body.birthDate`, `header.if-match`. */
  readonly field: string;
  readonly message: string;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
  /** The domain rule a 409 broke. */
  readonly rule?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Relative URI references: resolvable against the API's base, and stable across deployments. */
export const problemType = (slug: string): string => `/problems/${slug}`;

/** Throw from a handler or middleware; the problem handler answers with it. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    /** Short kebab-case code, the last segment of `type`. */
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: { readonly errors?: readonly FieldError[]; readonly rule?: string } & Record<
      string,
      unknown
    > = {},
    /** Extra response headers (Retry-After, WWW-Authenticate, …). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...this.extensions,
    };
  }
}

export const badRequest = (code: string, detail: string, errors?: readonly FieldError[]) =>
  new HttpProblem(400, code, 'Bad request', detail, errors ? { errors } : {});

export const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });

export const forbidden = (code: string, detail: string) => new HttpProblem(403, code, 'Forbidden', detail);

export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail);

export const conflict = (code: string, detail: string, extensions: Record<string, unknown> = {}) =>
  new HttpProblem(409, code, 'Conflict', detail, extensions);

export const preconditionFailed = (detail: string) =>
  new HttpProblem(412, 'precondition-failed', 'Precondition failed', detail);

export const unprocessable = (code: string, detail: string) =>
  new HttpProblem(422, code, 'Unprocessable content', detail);

/** A dependency is down: the client may retry after `retryAfterSeconds`. */
export const serviceUnavailable = (detail: string, retryAfterSeconds = 5) =>
  new HttpProblem(
    503,
    'service-unavailable',
    'Service unavailable',
    detail,
    {},
    {
      'Retry-After': String(retryAfterSeconds),
    },
  );
