import { catalogue, GENESIS_HASH, sealEvent, streamId, toEventToAppend } from '@chartline/events';
import {
  type EventStore,
  type Principal,
  type RecordedEvent,
  type StreamAppend,
  StreamNotFound,
  WrongExpectedVersion,
} from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import type { Accessed } from '../server/route.js';

const PersonalDataAccessed = catalogue.get('audit.PersonalDataAccessed');

/** Stream of a patient's access log: `access-<hospitalId>.<patientId>`. */
export const accessStreamId = (hospitalId: string, patientId: string) =>
  streamId(PersonalDataAccessed.aggregate, hospitalId, patientId);

export interface AccessContext {
  readonly hospitalId: string;
  readonly principal: Principal;
  /** Route template, e.g. `GET /hospitals/:hospitalId/patients/:patientId`. */
  readonly route: string;
  readonly requestId: string;
  readonly at: string;
}

async function tailOf(store: EventStore, stream: string): Promise<RecordedEvent | undefined> {
  try {
    const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last;
  } catch (error) {
    if (error instanceof StreamNotFound) return undefined;
    throw error;
  }
}

async function appendFor(store: EventStore, ctx: AccessContext, accessed: readonly Accessed[]): Promise<StreamAppend> {
  const patientId = accessed[0]!.patientId;
  const stream = accessStreamId(ctx.hospitalId, patientId);
  const tail = await tailOf(store, stream);
  let revision = tail ? tail.revision : -1;
  let prevHash = tail ? String(tail.metadata['hash']) : GENESIS_HASH;
  const correlationId = uuidv7();
  const events = accessed.map((access) => {
    const eventId = uuidv7();
    revision += 1;
    const sealed = sealEvent({
      eventId,
      type: PersonalDataAccessed.type,
      schemaVersion: PersonalDataAccessed.currentVersion,
      streamId: stream,
      revision,
      hospitalId: ctx.hospitalId,
      occurredAt: ctx.at,
      recordedAt: ctx.at,
      actor: { id: ctx.principal.id, role: ctx.principal.role },
      correlationId,
      causationId: correlationId,
      traceparent: null,
      prevHash,
      data: { patientId, route: ctx.route, view: access.view, requestId: ctx.requestId, accessedAt: ctx.at },
    });
    prevHash = sealed.hash;
    return toEventToAppend(sealed);
  });
  return { streamId: stream, events, expected: tail ? tail.revision : 'no_stream' };
}

/** Conflicts a patient's log may meet before the read is refused: many readers of one screen race. */
const MAX_ATTEMPTS = 50;

/**
 * Appends one audit.PersonalDataAccessed per patient shown, hash-chained like every stream. Called
 * before the answer is sent: a read whose access cannot be recorded is not served (the event store
 * being down gives 503). Each patient's log is appended on its own: one atomic append over every
 * patient of a bed board conflicted with any reader of any of them. Readers racing on one patient's
 * log retry with the new tail after a short random pause, so they do not collide again in lockstep
 * (32 nurses reading one board at once got 500s when all retried at once, 8 times at most).
 */
export async function recordAccess(
  store: EventStore,
  ctx: AccessContext,
  accessed: readonly Accessed[],
): Promise<void> {
  const byPatient = new Map<string, Accessed[]>();
  for (const access of accessed) byPatient.set(access.patientId, [...(byPatient.get(access.patientId) ?? []), access]);
  await Promise.all([...byPatient.values()].map((group) => recordForPatient(store, ctx, group)));
}

async function recordForPatient(store: EventStore, ctx: AccessContext, group: readonly Accessed[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const append = await appendFor(store, ctx, group);
    try {
      await store.appendToStreams([append]);
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
    }
  }
}
