import { keepAnsweredIds, resolveBody, sendStep } from '../generate/send-step.js';
import { generateWorkload, type WorkloadStep } from '../generate/workload.js';

/** One HTTP attempt: when, and what came back (`no-answer`: refused, reset or timed out). */
export interface Attempt {
  readonly at: number;
  readonly status: number | 'no-answer';
  /** X-Consistency-Token of a 2xx: the position the command wrote. */
  readonly position?: number | null;
}

export interface SentCommand {
  readonly index: number;
  readonly step: WorkloadStep;
  readonly idempotencyKey: string;
  readonly attempts: Attempt[];
  /** `ok`: a 2xx in the end; `refused`: a 4xx (a bug in this suite or the system); `gave-up`: no 2xx within the retry budget. */
  outcome: 'ok' | 'refused' | 'gave-up' | 'pending';
  /** The id a 2xx answered (a new entity's), if any. */
  id?: string;
  /** The event types a 2xx answered it wrote (none for a command with nothing to do, e.g. a sweep with nothing due). */
  events?: string[];
  /** A refusal's status and problem type (`409 /problems/bed-occupied`), to tell why from the results. */
  refusal?: string;
}

export interface SteadyWorkload {
  readonly sent: readonly SentCommand[];
  /** When every hospital's lane had sent its last step before stop() was asked (undefined: not yet). */
  readonly ranOutAt: number | undefined;
  /** Stops taking new steps; resolves when every command in hand is settled (2xx, refused or given up). */
  stop(): Promise<void>;
}

export interface WorkloadOptions {
  readonly baseUrl: string;
  readonly tokenFor: (role: WorkloadStep['role'], hospitalId: string) => Promise<string>;
  readonly runId: string;
  readonly hospitals: number;
  /** Hospital ids start with it (default `chaos`). */
  readonly hospitalPrefix?: string;
  /** Pause between one hospital's commands: hospitals × 1000 / paceMs commands a second in all. */
  readonly paceMs: number;
  /** Longer than this and a request counts as unanswered (then retried with the same key). */
  readonly requestTimeoutMs: number;
  /** How long a command is retried (5xx, no answer) before it is given up. */
  readonly retryForMs: number;
  /** Days of generated activity per hospital (default 60: ~15 minutes at a 150 ms pace, see workloadDays). */
  readonly days?: number;
}

/** Commands the generator makes per hospital and day: about 125 (60 days of 4 hospitals: 30,456), counted low to err on more days. */
const COMMANDS_PER_HOSPITAL_DAY = 100;

/**
 * Days of generated activity a lane needs so as not to run out within `seconds` at one command
 * per `paceMs` (its fastest), with half again to spare. A lane that runs out sends nothing more, and
 * a fault after that finds no command to read back: the first 20-minute soak ran out 21 minutes in
 * and reported the MongoDB freeze's "own writes readable" as failed.
 */
export function workloadDays(seconds: number, paceMs: number): number {
  const commands = (seconds * 1000) / paceMs;
  return Math.max(60, Math.ceil((commands / COMMANDS_PER_HOSPITAL_DAY) * 1.5));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether an app must send the command again (same key): a 5xx, a 429, or a 409
 * `idempotency-key-in-use` — the first attempt with this key, unanswered to us, is still running on
 * the server (it answers Retry-After: 1). Treating that 409 as a refusal failed the full run once
 * (a retry during the Kafka freeze met its own first attempt).
 */
export function retryable(answer: {
  readonly status: number;
  readonly json: Readonly<Record<string, unknown>>;
}): boolean {
  if (answer.status >= 500 || answer.status === 429) return true;
  return answer.status === 409 && answer.json['type'] === '/problems/idempotency-key-in-use';
}

/**
 * A steady stream of generated commands over HTTP, as the hospitals' apps send them: each hospital
 * its own lane, in order; a 5xx, a 429 or no answer is retried with the SAME Idempotency-Key (what
 * an app must do), until a 2xx or the retry budget ends. Every attempt is kept, for the figures.
 */
export function startSteadyWorkload(options: WorkloadOptions): SteadyWorkload {
  const steps = generateWorkload({
    hospitals: options.hospitals,
    days: options.days ?? 60,
    seed: options.runId,
    hospitalPrefix: 'chaos',
  });
  const lanes = new Map<string, { step: WorkloadStep; index: number }[]>();
  steps.forEach((step, index) => {
    const lane = lanes.get(step.hospitalId) ?? [];
    lane.push({ step, index });
    lanes.set(step.hospitalId, lane);
  });
  const sent: SentCommand[] = [];
  const ids = new Map<string, string>();
  let stopping = false;

  async function send(step: WorkloadStep, index: number): Promise<void> {
    const command: SentCommand = {
      index,
      step,
      idempotencyKey: `${options.runId}:${index}`,
      attempts: [],
      outcome: 'pending',
    };
    sent.push(command);
    const body = resolveBody(step.body, ids);
    const giveUpAt = Date.now() + options.retryForMs;
    for (;;) {
      const at = Date.now();
      const answer = await Promise.race([
        sendStep(step, index, body, options),
        sleep(options.requestTimeoutMs).then(() => undefined),
      ]).catch(() => undefined);
      command.attempts.push({ at, status: answer?.status ?? 'no-answer', position: answer?.position ?? null });
      if (answer?.ok) {
        if (typeof answer.json['id'] === 'string') command.id = answer.json['id'];
        keepAnsweredIds(ids, step, answer.json);
        command.events = Array.isArray(answer.json['events']) ? answer.json['events'].map(String) : [];
        command.outcome = 'ok';
        return;
      }
      if (answer && !retryable(answer)) {
        command.outcome = 'refused';
        command.refusal = `${answer.status} ${String(answer.json['type'] ?? '')}`.trim();
        return;
      }
      if (Date.now() > giveUpAt) {
        command.outcome = 'gave-up';
        return;
      }
      await sleep(500);
    }
  }

  let ranOutAt: number | undefined;
  const running = [...lanes.values()].map(async (lane) => {
    for (const { step, index } of lane) {
      if (stopping) return;
      const began = Date.now();
      try {
        await send(step, index);
      } catch {
        // An earlier step it refers to was not answered: the lane cannot go on meaningfully.
        return;
      }
      const rest = options.paceMs - (Date.now() - began);
      if (rest > 0) await sleep(rest);
    }
  });
  void Promise.all(running).then(() => {
    if (!stopping) ranOutAt = Date.now();
  });
  return {
    sent,
    get ranOutAt() {
      return ranOutAt;
    },
    async stop() {
      stopping = true;
      await Promise.all(running);
    },
  };
}
