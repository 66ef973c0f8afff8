import { isRef, type Ref } from './hospital-world.js';
import type { BodyLiteral, BodyValue, WorkloadStep } from './workload.js';

/** A step's body as sent: its references resolved to ids. */
export type SentBody = Readonly<Record<string, BodyLiteral>>;

export interface SendStepOptions {
  /** Base URL of the command API, e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string;
  /** A bearer token for this role, valid for this hospital. */
  readonly tokenFor: (role: WorkloadStep['role'], hospitalId: string) => Promise<string>;
  /** Idempotency-Keys are `<runId>:<index>`: a rerun of the same workload replays instead of writing twice. */
  readonly runId: string;
}

export interface StepResponse {
  readonly status: number;
  readonly ok: boolean;
  /** The raw body, for error messages. */
  readonly text: string;
  /** The body as JSON ({} when empty, or when a failure's body is not JSON). */
  readonly json: Readonly<Record<string, unknown>>;
  /** X-Consistency-Token: the position the command wrote, if it answered one. */
  readonly position: number | null;
  /** From sending the request to the end of the body. */
  readonly millis: number;
}

export class UnresolvedRef extends Error {
  override readonly name = 'UnresolvedRef';
}

const savedKey = (value: Ref) => (value.created === undefined ? value.$ref : `${value.$ref}#${value.created}`);

/**
 * Keeps what a step's answer names for later steps' refs: its `id` under the step's saveAs, and
 * each id under `created` (CommandSpec.created) for createdRef(saveAs, field).
 */
export function keepAnsweredIds(
  ids: Map<string, string>,
  step: Pick<WorkloadStep, 'saveAs'>,
  answer: { readonly id?: unknown; readonly created?: unknown },
): void {
  if (!step.saveAs) return;
  if (typeof answer.id === 'string') ids.set(step.saveAs, answer.id);
  if (answer.created === null || typeof answer.created !== 'object') return;
  for (const [field, id] of Object.entries(answer.created)) {
    if (typeof id === 'string') ids.set(savedKey({ $ref: step.saveAs, created: field }), id);
  }
}

/** A step's body as sent: its references resolved to ids, at any depth (a list of charges, lines of a claim). */
export function resolveBody(body: WorkloadStep['body'], ids: ReadonlyMap<string, string>): SentBody {
  return resolveValue(body, ids) as SentBody;
}

function resolveValue(value: BodyValue, ids: ReadonlyMap<string, string>): BodyLiteral {
  if (isRef(value)) {
    const id = ids.get(savedKey(value));
    // A step whose earlier step failed cannot be sent: it is reported, never sent with a guess.
    if (id === undefined) throw new UnresolvedRef(`no id saved as ${savedKey(value)}`);
    return `${value.prefix ?? ''}${id}`;
  }
  if (Array.isArray(value)) return value.map((v: BodyValue) => resolveValue(v, ids));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, BodyValue>).map(([k, v]) => [k, resolveValue(v, ids)]),
    );
  }
  return value;
}

/**
 * POSTs one step to the command API as an app would: bearer token for the step's role (and the
 * witness's own token for a witnessed step), an Idempotency-Key, the resolved JSON body (validated
 * by the server).
 */
export async function sendStep(
  step: WorkloadStep,
  index: number,
  body: SentBody,
  options: SendStepOptions,
  /** A resend after a refusal, or a remedy's step: its own key (a refusal is kept under the first). */
  keySuffix = '',
): Promise<StepResponse> {
  const started = performance.now();
  const res = await postOnce(`${options.baseUrl}/hospitals/${step.hospitalId}/${step.module}/${step.command}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await options.tokenFor(step.role, step.hospitalId)}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `${options.runId}:${index}${keySuffix}`,
      ...(step.witnessRole === undefined
        ? {}
        : { 'X-Witness-Authorization': `Bearer ${await options.tokenFor(step.witnessRole, step.hospitalId)}` }),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const millis = performance.now() - started;
  const token = Number(res.headers.get('x-consistency-token'));
  return {
    status: res.status,
    ok: res.ok,
    text,
    json: parseBody(text, res.ok),
    position: Number.isFinite(token) && token > 0 ? token : null,
    millis,
  };
}

/**
 * A keep-alive connection the server closed just as the request went out (`other side closed`,
 * seen seeding the demo on a loaded machine) is tried once more on a fresh connection: the
 * Idempotency-Key makes the resend safe (a request that did arrive is answered from its record).
 */
async function postOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
    return await fetch(url, init);
  }
}

function parseBody(text: string, ok: boolean): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    // A success must answer JSON; a failure (a proxy's HTML, say) is still reported by its status.
    if (ok) throw error;
    return {};
  }
}
