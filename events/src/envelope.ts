/** Who did it, taken from the bearer token at the command API. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/**
 * The envelope every Chartline event travels in: in the event store (JSON), on Kafka (Avro), in the
 * audit API. `revision`, `position` and `recordedAt` are assigned by the store; everything else is
 * known to the writer at the decision, which is why the hash covers it and not them.
 */
export interface EventEnvelope<D = Record<string, unknown>> {
  /** UUID v7. */
  readonly eventId: string;
  /** `<module>.<EventName>`, e.g. `admissions.PatientAdmitted`. */
  readonly type: string;
  readonly schemaVersion: number;
  /** `<aggregate>-<hospitalId>.<id>`. */
  readonly streamId: string;
  /** 0-based revision within the stream. */
  readonly revision: number;
  /** Global, commit-ordered position in the store (assigned at append). */
  readonly position: number;
  readonly hospitalId: string;
  /** ISO-8601 UTC, when the writer decided. */
  readonly occurredAt: string;
  /** ISO-8601 UTC, when the store recorded it. */
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** W3C trace context of the command that caused it, or null. */
  readonly traceparent: string | null;
  /** Hash of the previous event in the stream; 64 zeros for revision 0. */
  readonly prevHash: string;
  /** sha256(prevHash ‖ canonical JSON of the event without position, recordedAt and hash). */
  readonly hash: string;
  readonly data: D;
}

/** The fields the hash covers: everything the writer knows before the append. */
export type HashedFields<D = Record<string, unknown>> = Omit<EventEnvelope<D>, 'position' | 'recordedAt' | 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);
