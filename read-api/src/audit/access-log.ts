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
  const { stream, definition, subject } = subjectOf(ctx.hospitalId, accessed[0]!);
  const tail = await tailOf(store, stream);
  let revision = tail ? tail.revision : -1;
  let prevHash = tail ? String(tail.metadata['hash']) : GENESIS_HASH;
  const correlationId = uuidv7();
  const events = accessed.map((access) => {
    const eventId = uuidv7();
    revision += 1;
    const sealed = sealEvent({
      eventId,
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
      prevHash,
      data: { ...subject, route: ctx.route, view: access.view, requestId: ctx.requestId, accessedAt: ctx.at },
    });
    prevHash = sealed.hash;
    return toEventToAppend(sealed);
  });
  return { streamId: stream, events, expected: tail ? tail.revision : 'no_stream' };
}

/** Conflicts a patient's log may meet before the read is refused: many readers of one screen race. */
const MAX_ATTEMPTS = 50;

/**
 * Appends one audit.PersonalDataAccessed per patient shown (audit.StaffPersonalDataAccessed per
 * staff member shown), hash-chained like every stream. Called
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
  const byLog = new Map<string, Accessed[]>();
  for (const access of accessed) {
    const log = subjectOf(ctx.hospitalId, access).stream;
    byLog.set(log, [...(byLog.get(log) ?? []), access]);
  }
  await Promise.all([...byLog.values()].map((group) => recordForSubject(store, ctx, group)));
}

/** One subject's log (a patient's or a staff member's), retried on a lost race for its tail. */
async function recordForSubject(store: EventStore, ctx: AccessContext, group: readonly Accessed[]): Promise<void> {
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
