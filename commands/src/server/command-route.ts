import { createHash } from 'node:crypto';
import { type Actor, canonicalJson } from '@chartline/events';
import {
  badRequest,
  CommandAlreadyRecorded,
  HttpProblem,
  type IdempotencyStore,
  type Principal,
  principalOf,
  type RecordedCommand,
  type StoredResponse,
  toProblem,
  unprocessable,
} from '@chartline/infra';
import { currentTraceparent } from '@chartline/infra/telemetry';
import type { Request, RequestHandler, Response } from 'express';
import type { AnyCommandSpec, CommandModule } from './command-module.js';
import { type CommandDeps, type CommandOutcome, executeCommand, recordedOutcome } from './execute-command.js';
import {
  commandIdFrom,
  correlationIdFrom,
  expectedRevisionFrom,
  idempotencyScope,
  isValidIdempotencyKey,
  traceparentFrom,
} from './request-context.js';
import { parseBody } from './validation.js';
import { witnessOf } from './witness.js';

export interface CommandRouteOptions {
  readonly idempotency: IdempotencyStore;
  /** true (default): a command without Idempotency-Key is refused with 400. */
  readonly requireIdempotencyKey: boolean;
  /** How long a repeat waits for the same key's first execution to finish before a 409. */
  readonly inProgressWaitMs: number;
}

const HOSPITAL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The rule a refusal names (a stable code, never personal data), for the command metrics. */
function refusedRule(response: StoredResponse): string | undefined {
  if (response.status !== 409 && response.status !== 404) return undefined;
  try {
    const rule = (JSON.parse(response.body) as { rule?: unknown }).rule;
    return typeof rule === 'string' ? rule : undefined;
  } catch {
    return undefined;
  }
}

function send(res: Response, response: StoredResponse, replayed: boolean): void {
  const rule = refusedRule(response);
  if (rule) res.locals['problemRule'] = rule;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(response.status).send(response.body);
}

/** The handler of one command: checks the request, runs it once per Idempotency-Key, answers. */
export function commandRoute(
  module: CommandModule,
  spec: AnyCommandSpec,
  deps: CommandDeps,
  options: CommandRouteOptions,
): RequestHandler {
  return async (req, res) => {
    const hospitalId = String(req.params['hospitalId']);
    if (!HOSPITAL_ID.test(hospitalId)) throw badRequest('invalid-hospital-id', 'The hospital id is malformed.');
    const key = req.header('idempotency-key');
    if (key === undefined && options.requireIdempotencyKey) {
      throw badRequest('idempotency-key-required', 'Send an Idempotency-Key header with every command.', [
        { field: 'header.idempotency-key', message: 'Required' },
      ]);
    }
    if (key !== undefined && !isValidIdempotencyKey(key)) {
      throw badRequest('invalid-idempotency-key', 'The Idempotency-Key must be 1–255 printable ASCII characters.', [
        { field: 'header.idempotency-key', message: 'Invalid' },
      ]);
    }
    const body = parseBody(spec.body, req.body);
    const expectedRevision = expectedRevisionFrom(req.header('if-match'));
    if (expectedRevision === 'invalid') {
      throw badRequest('invalid-if-match', 'If-Match must be an ETag this API sent, e.g. "3".', [
        { field: 'header.if-match', message: 'Expected a quoted revision' },
      ]);
    }

    const principal = principalOf(res);
    const witness = witnessOf(res);
    const scope = idempotencyScope(hospitalId, principal.id);
    const commandId = commandIdFrom(scope, key);
    const correlationId = correlationIdFrom(req.header('x-correlation-id'));
    const run = (record?: Execution['record']) =>
      respond(req, module, spec, deps, {
        body,
        hospitalId,
        principal,
        commandId,
        correlationId,
        ...(witness === undefined ? {} : { witness }),
        ...(record === undefined ? {} : { record }),
        ...(expectedRevision === undefined ? {} : { expectedRevision }),
      });
    if (key === undefined) return send(res, await run(), false);

    const fingerprint = createHash('sha256')
      .update(
        canonicalJson({
          command: `${module.name}/${spec.name}`,
          body: req.body,
          ifMatch: expectedRevision ?? null,
          // Who witnessed is part of the request: the same key with another witness is another request.
          ...(spec.witness ? { witness: witness?.id ?? null } : {}),
        }),
      )
      .digest('hex');
    // The answer from the event store's durable record of this command, if it ran before (the
    // record in hand, or looked up).
    const recorded = async (known?: RecordedCommand): Promise<StoredResponse | undefined> => {
      const command = known ?? (await deps.eventStore.findCommand(hospitalId, commandId));
      if (!command) return undefined;
      if (command.outcome['fingerprint'] !== fingerprint) throw keyReused();
      return successResponse(
        recordedOutcome(command.outcome, command.position),
        String(command.outcome['correlationId'] ?? correlationId),
      );
    };
    const deadline = Date.now() + options.inProgressWaitMs;
    for (;;) {
      const claim = await options.idempotency.claim(scope, key, fingerprint);
      if (claim.outcome === 'replay') return send(res, claim.response, true);
      if (claim.outcome === 'mismatch') throw keyReused();
      if (claim.outcome === 'claimed') break;
      if (Date.now() >= deadline) {
        throw new HttpProblem(
          409,
          'idempotency-key-in-use',
          'Conflict',
          'The first request with this Idempotency-Key is still running; retry shortly.',
          {},
          { 'Retry-After': '1' },
        );
      }
      await sleep(25);
    }

    // The cache claimed the key, but it may have forgotten an earlier execution (a restart, Redis
    // losing its data): the event store has not. The command looks for its record with the
    // streams it loads (no round trip of its own) and, found, is answered from it; the append
    // refuses a second record of the command if another executor got there in between.
    let response: StoredResponse | undefined;
    let replayed = true;
    try {
      try {
        response = await run({ fingerprint, correlationId });
        replayed = false;
        // A refusal may be the shadow of the same command executed before or meanwhile elsewhere
        // (its write made ours conflict, and re-deciding then broke a rule; or the request was
        // refused before its streams were read): its record is the answer.
        if (response.status >= 400) {
          const meanwhile = await recorded();
          if (meanwhile) [response, replayed] = [meanwhile, true];
        }
      } catch (error) {
        if (!(error instanceof CommandAlreadyRecorded)) throw error;
        response = await recorded(error.recorded);
        if (!response) throw error;
      }
    } catch (error) {
      // A failure without a definite answer (5xx), or a mismatch, must not be kept: free the key.
      await options.idempotency.release(scope, key).catch(() => {});
      throw error;
    }
    await options.idempotency.complete(scope, key, fingerprint, response);
    send(res, response, replayed);
  };
}

const keyReused = () =>
  unprocessable(
    'idempotency-key-reused',
    'This Idempotency-Key was used for a different request; send this one with a new Idempotency-Key.',
  );

/** The success answer, the same bytes whether just executed or rebuilt from the command's record. */
function successResponse(outcome: CommandOutcome, correlationId: string): StoredResponse {
  return {
    status: outcome.created ? 201 : 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      ETag: `"${outcome.revision}"`,
      'X-Consistency-Token': String(outcome.position),
      'X-Correlation-Id': correlationId,
    },
    body: JSON.stringify({
      streamId: outcome.streamId,
      id: outcome.id,
      revision: outcome.revision,
      position: outcome.position,
      events: outcome.events,
      ...(outcome.createdIds === undefined ? {} : { created: outcome.createdIds }),
    }),
  };
}

interface Execution {
  readonly body: unknown;
  readonly hospitalId: string;
  readonly principal: Principal;
  readonly witness?: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  /** With an Idempotency-Key: recorded with the command in the event store (see executeCommand). */
  readonly record?: { readonly fingerprint: string; readonly correlationId: string };
  readonly expectedRevision?: number;
}

/**
 * Runs the command and shapes the answer that is sent and kept for repeats: a success, or a
 * definite refusal (409, 412) — repeating a refused command gives the same refusal. 5xx throw.
 */
async function respond(
  req: Request,
  module: CommandModule,
  spec: AnyCommandSpec,
  deps: CommandDeps,
  execution: Execution,
): Promise<StoredResponse> {
  const { correlationId } = execution;
  try {
    const outcome = await executeCommand(
      {
        module,
        spec,
        body: execution.body,
        hospitalId: execution.hospitalId,
        actor: { id: execution.principal.id, role: execution.principal.role },
        ...(execution.witness === undefined ? {} : { witness: execution.witness }),
        correlationId,
        commandId: execution.commandId,
        // The active span (the command's, under the HTTP server span) when traced; else the caller's.
        traceparent: currentTraceparent() ?? traceparentFrom(req.header('traceparent')),
        ...(execution.record === undefined ? {} : { record: execution.record }),
        ...(execution.expectedRevision === undefined ? {} : { expectedRevision: execution.expectedRevision }),
      },
      deps,
    );
    return successResponse(outcome, correlationId);
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status >= 500) throw error;
    return {
      status: problem.status,
      headers: { 'Content-Type': 'application/problem+json', 'X-Correlation-Id': correlationId, ...problem.headers },
      body: JSON.stringify(problem.toBody(req.originalUrl.split('?')[0])),
    };
  }
}
