import { catalogue, GENESIS_HASH, sealEvent, streamId, toEventToAppend } from '@chartline/events';
import {
  declaredPersonalData,
  type EventStore,
  encryptValue,
  type KeyStore,
  personalDataSubject,
  type RecordedEvent,
} from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';

/**
 * Writes realistic event histories for tests and benchmarks the way the command server does:
 * sealed (hash-chained per stream), personal fields encrypted with the patient's key, appended to
 * a real event store. Not a decider: it trusts the caller to tell a plausible story.
 */
export class HospitalHistory {
  private readonly streams = new Map<string, { revision: number; hash: string }>();

  constructor(
    private readonly store: EventStore,
    private readonly keys: KeyStore,
    readonly hospitalId = 'h1',
  ) {}

  /** `occurredAt` defaults to now; a spec pins it so its expected documents can say what it is. */
  async append(
    type: string,
    aggregateId: string,
    data: Record<string, unknown>,
    options: { readonly occurredAt?: string } = {},
  ): Promise<RecordedEvent> {
    const definition = catalogue.get(type);
    const stream = streamId(definition.aggregate, this.hospitalId, aggregateId);
    const head = this.streams.get(stream) ?? { revision: -1, hash: GENESIS_HASH };
    // Whose key: as the command server chooses it (a patient, a staff member).
    const subject = () => personalDataSubject(data, aggregateId, declaredPersonalData(definition.module)?.subject);
    const stored: Record<string, unknown> = { ...data };
    for (const field of definition.personalFields) {
      const value = data[field];
      if (value !== undefined && value !== null) {
        stored[field] = encryptValue(value, await this.keys.dataKeyFor(this.hospitalId, subject()));
      }
    }
    const id = uuidv7();
    const now = options.occurredAt ?? new Date().toISOString();
    const sealed = sealEvent({
      eventId: id,
      type,
      schemaVersion: definition.currentVersion,
      streamId: stream,
      revision: head.revision + 1,
      hospitalId: this.hospitalId,
      occurredAt: now,
      recordedAt: now,
      actor: { id: 'clerk-1', role: 'front_desk' },
      correlationId: id,
      causationId: id,
      traceparent: null,
      prevHash: head.hash,
      data: stored,
    });
    const appended = await this.store.append(
      stream,
      [toEventToAppend(sealed)],
      head.revision < 0 ? 'no_stream' : head.revision,
    );
    this.streams.set(stream, { revision: appended.nextExpectedRevision, hash: sealed.hash });
    const [recorded] = await this.store.readStream(stream, {
      fromRevision: appended.nextExpectedRevision,
      maxCount: 1,
    });
    return recorded!;
  }
}
