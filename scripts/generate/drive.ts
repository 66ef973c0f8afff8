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
  /** How long a step that `awaits` a process manager is sent again while refused. Default 60 s. */
  readonly awaitMillis?: number;
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
  /** Steps refused as they were meant to be (`expectRefused`), and remedies sent (`remedy`). */
  readonly refusedAsExpected: number;
  readonly remedies: number;
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
  let refusedAsExpected = 0;
  let remedies = 0;

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
    const post = async (s: WorkloadStep, sentBody: SentBody, keySuffix: string) => {
      const answer = await sendStep(s, index, sentBody, options, keySuffix);
      sent++;
      byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
      options.onStep?.(s, answer.status, answer.millis);
      const rule = typeof answer.json['rule'] === 'string' ? answer.json['rule'] : answer.json['code'];
      return { answer, rule: answer.ok ? undefined : String(rule) };
    };
    let { answer, rule } = await post(step, body, '');
    const patience = Date.now() + (options.awaitMillis ?? 60_000);
    for (let attempt = 1; rule !== undefined && step.awaits?.includes(rule) && Date.now() < patience; attempt++) {
      // Charge capture has not caught up with this stay yet: ask again shortly, under a new key.
      await new Promise((r) => setTimeout(r, 100));
      ({ answer, rule } = await post(step, body, `:wait-${attempt}`));
    }
    for (let round = 1; step.remedy && rule === step.remedy.whileRefused && round <= 5; round++) {
      for (const [j, remedy] of step.remedy.steps.entries()) {
        // A remedy refused is not reported itself: the step, sent again, is refused and reported.
        await post({ ...step, ...remedy }, resolveBody(remedy.body, ids), `:remedy-${round}-${j}`);
      }
      remedies++;
      ({ answer, rule } = await post(step, body, `:after-remedy-${round}`));
    }
    const { json } = answer;
    if (step.expectRefused !== undefined && (answer.ok || rule === step.expectRefused)) {
      if (answer.ok) {
        failures.push({
          index,
          hospitalId: step.hospitalId,
          command: step.command,
          status: answer.status,
          problem: `expected to be refused with ${step.expectRefused}, but done`,
        });
      } else refusedAsExpected++;
      return;
    }
    if (rule !== undefined && step.tolerates?.includes(rule)) return;
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
  return {
    sent,
    byStatus,
    failures,
    positions,
    ids,
    refusedAsExpected,
    remedies,
    millis: Date.now() - started,
  };
}
