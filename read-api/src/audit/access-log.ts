import { catalogue, GENESIS_HASH, sealEvent, streamId, toEventToAppend } from '@chartline/events';
import {
  type EventStore,
  type Principal,
  type StreamAppend,
  StreamNotFound,
  uuidv7,
  WrongExpectedVersion,
} from '@chartline/infra';
import type { Accessed } from '../server/route.js';

const PersonalDataAccessed = catalogue.get('audit.PersonalDataAccessed');
const StaffPersonalDataAccessed = catalogue.get('audit.StaffPersonalDataAccessed');

/** Stream of a patient's access log: `access-<hospitalId>.<patientId>`. */
export const accessStreamId = (hospitalId: string, patientId: string) =>
  streamId(PersonalDataAccessed.aggregate, hospitalId, patientId);

/** Stream of a staff member's access log: `staffDataAccess-<hospitalId>.<staffId>`. */
export const staffAccessStreamId = (hospitalId: string, staffId: string) =>
  streamId(StaffPersonalDataAccessed.aggregate, hospitalId, staffId);

/** Whose log an access goes to, and the event it records there. */
function subjectOf(hospitalId: string, access: Accessed) {
  return 'staffId' in access
    ? {
        stream: staffAccessStreamId(hospitalId, access.staffId),
        definition: StaffPersonalDataAccessed,
        subject: { staffId: access.staffId },
      }
    : {
        stream: accessStreamId(hospitalId, access.patientId),
        definition: PersonalDataAccessed,
        subject: { patientId: access.patientId },
      };
}

export interface AccessContext {
  readonly hospitalId: string;
  readonly principal: Principal;
  /** Route template, e.g. `GET /hospitals/:hospitalId/patients/:patientId`. */
  readonly route: string;
  readonly requestId: string;
  readonly at: string;
}

async function tailOf(store: EventStore, stream: string): Promise<Tail | undefined> {
  try {
    const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last ? { revision: last.revision, hash: String(last.metadata['hash']) } : undefined;
  } catch (error) {
    if (error instanceof StreamNotFound) return undefined;
    throw error;
  }
}

/** A log's last revision and hash: what its next event is chained to. */
interface Tail {
  readonly revision: number;
  readonly hash: string;
}

/** One read's accesses waiting for the next flush, with how to tell the read. */
interface Pending {
  readonly ctx: AccessContext;
  readonly accessed: readonly Accessed[];
  readonly correlationId: string;
  readonly done: { resolve(): void; reject(error: unknown): void };
}

/** Conflicts a flush may meet before its reads are refused (other replicas writing the same logs). */
const MAX_ATTEMPTS = 50;
/** Reads whose accesses one append carries at most (a burst is written in several). */
const MAX_BATCH = 256;
/** Logs whose tails are remembered between flushes (most recent first out when full). */
const TAILS_KEPT = 10_000;

/**
 * Records every read's accesses: one audit.PersonalDataAccessed per patient shown
 * (audit.StaffPersonalDataAccessed per staff member shown), hash-chained like every stream. A
 * read's answer waits until its accesses are durable: a read whose access cannot be recorded is
 * not served (the event store being down gives 503).
 *
 * Group commit: reads that arrive while an append is in flight wait for the next one, and one
 * append (one transaction, one round trip) writes every access they made, each patient's log
 * continued from its tail. Tails are remembered from the last append, so a log is read only the
 * first time this process writes it or after another writer moved it. Before, every read read
 * each shown patient's tail and appended to each log on its own, and readers of one bed board
 * raced for the same logs, retrying WrongExpectedVersion after random pauses: the read API's
 * largest cost per cached read. Another replica writing the same log still conflicts: the
 * flush forgets that log's tail, reads it again and retries the whole batch.
 */
export class AccessRecorder {
  private queue: Pending[] = [];
  private flushing = false;
  private readonly tails = new Map<string, Tail>();

  constructor(private readonly store: EventStore) {}

  /** Resolves once the accesses are appended; rejects with the append's error if they cannot be. */
  record(ctx: AccessContext, accessed: readonly Accessed[]): Promise<void> {
    if (accessed.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ctx, accessed, correlationId: uuidv7(), done: { resolve, reject } });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const refused = await this.appendBatch(batch);
          for (const p of batch) {
            if (refused.has(p)) p.done.reject(refused.get(p));
            else p.done.resolve();
          }
        } catch (error) {
          for (const p of batch) p.done.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Appends the batch; answers the reads left out because their accesses could not be sealed. */
  private async appendBatch(batch: readonly Pending[]): Promise<Map<Pending, unknown>> {
    const streams = new Set(batch.flatMap((p) => p.accessed.map((a) => subjectOf(p.ctx.hospitalId, a).stream)));
    for (let attempt = 1; ; attempt++) {
      const missing = [...streams].filter((stream) => !this.tails.has(stream));
      const read = await Promise.all(
        missing.map(async (stream) => [stream, await tailOf(this.store, stream)] as const),
      );
      const tails = new Map<string, Tail | undefined>([...streams].map((s) => [s, this.tails.get(s)]));
      for (const [stream, tail] of read) tails.set(stream, tail);
      const { appends, after, refused } = sealBatch(batch, tails);
      try {
        if (appends.length > 0) await this.store.appendToStreams(appends);
        for (const [stream, tail] of after) this.remember(stream, tail);
        return refused;
      } catch (error) {
        // Whatever this process knew of these logs may be wrong now (a conflict, or an append that
        // may or may not have committed): read them again next time.
        for (const stream of streams) this.tails.delete(stream);
        if (!(error instanceof WrongExpectedVersion) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
  }

  private remember(stream: string, tail: Tail): void {
    this.tails.delete(stream);
    this.tails.set(stream, tail);
    if (this.tails.size > TAILS_KEPT) {
      const oldest = this.tails.keys().next().value;
      if (oldest !== undefined) this.tails.delete(oldest);
    }
  }
}

/**
 * The batch's events, per log in arrival order, chained from each log's tail. A read whose
 * accesses cannot be sealed (data that does not fit the event's schema) is left out and returned
 * in `refused`, so it fails alone.
 */
function sealBatch(
  batch: readonly Pending[],
  tails: ReadonlyMap<string, Tail | undefined>,
): { appends: StreamAppend[]; after: Map<string, Tail>; refused: Map<Pending, unknown> } {
  const byStream = new Map<string, { expected: number | 'no_stream'; events: StreamAppend['events'][number][] }>();
  const after = new Map<string, Tail>();
  const refused = new Map<Pending, unknown>();
  for (const pending of batch) {
    const { ctx, accessed, correlationId } = pending;
    const mine: { stream: string; tail: Tail; event: StreamAppend['events'][number] }[] = [];
    try {
      for (const access of accessed) {
        const { stream, definition, subject } = subjectOf(ctx.hospitalId, access);
        const last =
          [...mine].reverse().find((m) => m.stream === stream)?.tail ?? after.get(stream) ?? tails.get(stream);
        const revision = last ? last.revision + 1 : 0;
        const sealed = sealEvent({
          eventId: uuidv7(),
          type: definition.type,
          schemaVersion: definition.currentVersion,
          streamId: stream,
          revision,
          hospitalId: ctx.hospitalId,
          occurredAt: ctx.at,
          recordedAt: ctx.at,
          actor: { id: ctx.principal.id, role: ctx.principal.role },
          correlationId,
          causationId: correlationId,
          traceparent: null,
          prevHash: last ? last.hash : GENESIS_HASH,
          data: { ...subject, route: ctx.route, view: access.view, requestId: ctx.requestId, accessedAt: ctx.at },
        });
        mine.push({ stream, tail: { revision, hash: sealed.hash }, event: toEventToAppend(sealed) });
      }
    } catch (error) {
      refused.set(pending, error);
      continue;
    }
    for (const { stream, tail, event } of mine) {
      const start = tails.get(stream);
      const entry = byStream.get(stream) ?? { expected: start ? start.revision : 'no_stream', events: [] };
      byStream.set(stream, entry);
      entry.events.push(event);
      after.set(stream, tail);
    }
  }
  return {
    appends: [...byStream].map(([streamId, { expected, events }]) => ({ streamId, events, expected })),
    after,
    refused,
  };
}

const recorders = new WeakMap<EventStore, AccessRecorder>();

/**
 * Records a read's accesses through the store's AccessRecorder (one per store in this process, so
 * every read of the process shares its group commit and its remembered tails).
 */
export async function recordAccess(
  store: EventStore,
  ctx: AccessContext,
  accessed: readonly Accessed[],
): Promise<void> {
  let recorder = recorders.get(store);
  if (!recorder) {
    recorder = new AccessRecorder(store);
    recorders.set(store, recorder);
  }
  await recorder.record(ctx, accessed);
}
