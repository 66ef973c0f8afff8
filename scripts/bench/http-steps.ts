import type { BodyValue, WorkloadStep } from '../generate/workload.js';

export interface HttpStepsOptions {
  readonly baseUrl: string;
  readonly tokenFor: (role: WorkloadStep['role'], hospitalId: string) => Promise<string>;
  /** Idempotency-Keys are `<runId>:<index>`. */
  readonly runId: string;
}

export interface StepAnswer {
  readonly status: number;
  /** X-Consistency-Token: the position the command wrote. */
  readonly position: number | null;
  /** The id the command answered (a new entity's), if any. */
  readonly id: string | null;
  /** The body as sent, references resolved. */
  readonly body: Readonly<Record<string, string>>;
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
export function httpStepSender(options: HttpStepsOptions): StepSender {
  const ids = new Map<string, string>();
  const send = async (step: WorkloadStep, index: number): Promise<StepAnswer> => {
    const body: Record<string, string> = {};
    for (const [key, value] of Object.entries(step.body) as [string, BodyValue][]) {
      const id = typeof value === 'string' ? value : ids.get(value.$ref);
      if (id === undefined) throw new Error(`step ${index}: an earlier step it needs failed`);
      body[key] = id;
    }
    const res = await fetch(`${options.baseUrl}/hospitals/${step.hospitalId}/${step.module}/${step.command}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await options.tokenFor(step.role, step.hospitalId)}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `${options.runId}:${index}`,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`step ${index} ${step.command}: ${res.status} ${text.slice(0, 200)}`);
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (step.saveAs && typeof json['id'] === 'string') ids.set(step.saveAs, json['id']);
    const token = Number(res.headers.get('x-consistency-token'));
    return {
      status: res.status,
      position: Number.isFinite(token) && token > 0 ? token : null,
      id: typeof json['id'] === 'string' ? json['id'] : null,
      body,
    };
  };
  return Object.assign(send, { ids });
}
