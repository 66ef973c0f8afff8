import {
  keepAnsweredIds,
  resolveBody,
  type SendStepOptions,
  type SentBody,
  sendStep,
  UnresolvedRef,
} from '../generate/send-step.js';
import type { WorkloadStep } from '../generate/workload.js';

export interface StepAnswer {
  readonly status: number;
  /** X-Consistency-Token: the position the command wrote. */
  readonly position: number | null;
  /** The id the command answered (a new entity's), if any. */
  readonly id: string | null;
  /** The body as sent, references resolved. */
  readonly body: SentBody;
}

export interface StepSender {
  (step: WorkloadStep, index: number): Promise<StepAnswer>;
  /** Ids answered so far, by the steps' saveAs names. */
  readonly ids: ReadonlyMap<string, string>;
}

/**
 * Sends generated steps to the command API as an app would (bearer token, Idempotency-Key, JSON
 * body validated by the server), resolving each step's references to ids answered earlier. A non-2xx
 * answer rejects, so the load loops count it as an error, not as a latency.
 */
export function httpStepSender(options: SendStepOptions): StepSender {
  const ids = new Map<string, string>();
  const send = async (step: WorkloadStep, index: number): Promise<StepAnswer> => {
    let body: SentBody;
    try {
      body = resolveBody(step.body, ids);
    } catch (error) {
      if (error instanceof UnresolvedRef) throw new Error(`step ${index}: an earlier step it needs failed`);
      throw error;
    }
    const answer = await sendStep(step, index, body, options);
    if (!answer.ok) throw new Error(`step ${index} ${step.command}: ${answer.status} ${answer.text.slice(0, 200)}`);
    const id = typeof answer.json['id'] === 'string' ? answer.json['id'] : null;
    keepAnsweredIds(ids, step, answer.json);
    return { status: answer.status, position: answer.position, id, body };
  };
  return Object.assign(send, { ids });
}
