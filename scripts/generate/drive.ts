import {
  keepAnsweredIds,
  resolveBody,
  type SendStepOptions,
  type SentBody,
  sendStep,
  UnresolvedRef,
} from './send-step.js';
import type { WorkloadStep } from './workload.js';

export interface DriveOptions extends SendStepOptions {
  /** Hospitals driven side by side (each hospital's steps stay in order). Default 4. */
  readonly concurrency?: number;
  /** Called after every answered step (progress, latency histograms). */
  readonly onStep?: (step: WorkloadStep, status: number, millis: number) => void;
}

export interface DriveFailure {
  readonly index: number;
  readonly hospitalId: string;
  readonly command: string;
  readonly status: number;
  /** The problem's code and rule; problem bodies carry no personal data. */
  readonly problem: string;
}

export interface DriveResult {
  readonly sent: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly failures: readonly DriveFailure[];
  /** Highest consistency token (X-Consistency-Token) per hospital: read-your-writes for readers. */
  readonly positions: Readonly<Record<string, number>>;
  /** Server-made ids by the steps' saveAs names. */
  readonly ids: ReadonlyMap<string, string>;
  readonly millis: number;
}

/**
 * Sends a workload to a running command API over HTTP, in order per hospital. A step that fails
 * (non-2xx) is recorded; steps that depend on its id are then skipped and recorded too.
 */
export async function driveWorkload(steps: readonly WorkloadStep[], options: DriveOptions): Promise<DriveResult> {
  const started = Date.now();
  const ids = new Map<string, string>();
  const byStatus: Record<string, number> = {};
  const failures: DriveFailure[] = [];
  const positions: Record<string, number> = {};
  let sent = 0;

  const queues = new Map<string, { step: WorkloadStep; index: number }[]>();
  steps.forEach((step, index) => {
    const queue = queues.get(step.hospitalId) ?? [];
    queue.push({ step, index });
    queues.set(step.hospitalId, queue);
  });

  async function send(step: WorkloadStep, index: number): Promise<void> {
    let body: SentBody;
    try {
      body = resolveBody(step.body, ids);
    } catch (error) {
      if (!(error instanceof UnresolvedRef)) throw error;
      failures.push({ index, hospitalId: step.hospitalId, command: step.command, status: 0, problem: error.message });
      return;
    }
    const answer = await sendStep(step, index, body, options);
    sent++;
    byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
    options.onStep?.(step, answer.status, answer.millis);
    const { json } = answer;
    if (!answer.ok) {
      const problem = [json['code'], json['rule']].filter((v) => typeof v === 'string').join('/');
      failures.push({ index, hospitalId: step.hospitalId, command: step.command, status: answer.status, problem });
      return;
    }
    keepAnsweredIds(ids, step, json);
    positions[step.hospitalId] = Math.max(positions[step.hospitalId] ?? 0, answer.position ?? 0);
  }

  const pending = [...queues.values()];
  const worker = async () => {
    for (let queue = pending.shift(); queue; queue = pending.shift()) {
      for (const { step, index } of queue) await send(step, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return { sent, byStatus, failures, positions, ids, millis: Date.now() - started };
}
