import type { BodyValue, WorkloadStep } from './workload.js';

export interface DriveOptions {
  /** Base URL of the command API, e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string;
  /** A bearer token for this role, valid for this hospital. */
  readonly tokenFor: (role: WorkloadStep['role'], hospitalId: string) => Promise<string>;
  /** Hospitals driven side by side (each hospital's steps stay in order). Default 4. */
  readonly concurrency?: number;
  /** Makes Idempotency-Keys: a rerun of the same workload replays instead of writing twice. */
  readonly runId: string;
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

export class UnresolvedRef extends Error {
  override readonly name = 'UnresolvedRef';
}

function resolve(body: WorkloadStep['body'], ids: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body) as [string, BodyValue][]) {
    if (typeof value === 'string') {
      out[key] = value;
      continue;
    }
    const id = ids.get(value.$ref);
    // A step whose earlier step failed cannot be sent: it is reported, never sent with a guess.
    if (id === undefined) throw new UnresolvedRef(`no id saved as ${value.$ref}`);
    out[key] = id;
  }
  return out;
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
    let body: Record<string, string>;
    try {
      body = resolve(step.body, ids);
    } catch (error) {
      if (!(error instanceof UnresolvedRef)) throw error;
      failures.push({ index, hospitalId: step.hospitalId, command: step.command, status: 0, problem: error.message });
      return;
    }
    const t0 = performance.now();
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
    const millis = performance.now() - t0;
    sent++;
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    options.onStep?.(step, res.status, millis);
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) {
      const problem = [json['code'], json['rule']].filter((v) => typeof v === 'string').join('/');
      failures.push({ index, hospitalId: step.hospitalId, command: step.command, status: res.status, problem });
      return;
    }
    if (step.saveAs && typeof json['id'] === 'string') ids.set(step.saveAs, json['id']);
    const position = Number(res.headers.get('x-consistency-token'));
    if (Number.isFinite(position)) positions[step.hospitalId] = Math.max(positions[step.hospitalId] ?? 0, position);
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
