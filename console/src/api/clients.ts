import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as CommandPaths } from './command-api.generated.js';
import { ConsistencyTokens } from './consistency.js';
import { ApiError, connectionLost, type Problem, readProblem } from './problem.js';
import type { paths as ReadPaths } from './read-api.generated.js';

/** The console reaches both APIs through its own server (same origin): see console/server/app.ts. */
export const COMMAND_BASE = '/api/command';
export const READ_BASE = '/api/read';

type CommandPath = {
  [P in keyof CommandPaths]: CommandPaths[P] extends { post: unknown } ? P : never;
}[keyof CommandPaths] &
  `/hospitals/{hospitalId}/${string}`;
type CommandOperation<P extends CommandPath> = CommandPaths[P]['post'];
/** The body a command takes, from the command API's OpenAPI document. */
export type CommandBody<P extends CommandPath> =
  CommandOperation<P> extends {
    requestBody: { content: { 'application/json': infer B } };
  }
    ? B
    : never;
export type CommandResult =
  CommandPaths['/hospitals/{hospitalId}/patients/register-patient']['post']['responses'][201]['content']['application/json'];

export interface CommandOptions {
  /** The revision of the record the person was looking at; a change since is a 412. */
  readonly ifMatch?: number;
  /** One key per intent: a retry of the same submission reuses it, so it is recorded once. */
  readonly idempotencyKey: string;
  /** A second person's own bearer token, sent as X-Witness-Authorization (controlled substances). */
  readonly witnessToken?: string;
}

async function toApiError(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status, type: 'about:blank', title: response.statusText };
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // not problem+json (a proxy's page): keep the status
  }
  return new ApiError(readProblem(problem));
}

export function createApi(token: () => string | undefined) {
  const consistency = new ConsistencyTokens();
  const auth: Middleware = {
    onRequest({ request }) {
      const t = token();
      if (t) request.headers.set('Authorization', `Bearer ${t}`);
      return request;
    },
    async onResponse({ response }) {
      if (!response.ok && response.status !== 304) throw await toApiError(response);
      return response;
    },
    onError() {
      return new ApiError(connectionLost);
    },
  };
  const read = createClient<ReadPaths>({ baseUrl: READ_BASE });
  read.use(auth);

  /** Sends one command with its Idempotency-Key (and If-Match when given); records the consistency token. */
  async function command<P extends CommandPath>(
    path: P,
    hospitalId: string,
    body: CommandBody<P>,
    options: CommandOptions,
  ): Promise<CommandResult> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Idempotency-Key': options.idempotencyKey,
    };
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
    const t = token();
    if (t) headers['Authorization'] = `Bearer ${t}`;
    if (options.witnessToken) headers['X-Witness-Authorization'] = `Bearer ${options.witnessToken}`;
    let response: Response;
    try {
      response = await fetch(`${COMMAND_BASE}${path.replace('{hospitalId}', encodeURIComponent(hospitalId))}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
    } catch {
      throw new ApiError(connectionLost);
    }
    if (!response.ok) throw await toApiError(response);
    const result = (await response.json()) as CommandResult;
    consistency.wrote(hospitalId, result.position);
    return result;
  }

  return { read, command, consistency, token };
}

export type Api = ReturnType<typeof createApi>;
