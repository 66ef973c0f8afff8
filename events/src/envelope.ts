/** Who did it, taken from the bearer token at the command API. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/**
 * The envelope every Chartline event travels in: in the event store (JSON), on Kafka (Avro), in the
 * audit API. Only `position` is assigned by the store; everything else is known to the writer at
 * the decision (the writer picks the next `revision` and, from chain version 2, `recordedAt`), which
 * is why the hash covers it. docs/events.md ("The hash chain") specifies the rule.
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
  /**
   * ISO-8601 UTC with milliseconds. From chain version 2: when the writer sealed the event, just
   * before the append (the store keeps it, and the hash covers it, since "state as of T" reads by
   * it). Chain version 1 events carry the store's clock, unhashed.
   */
  readonly recordedAt: string;
  /** Which hash rule sealed this event (1 or 2; see CHAIN_VERSION). Stored events without it are 1. */
  readonly chainVersion: number;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** W3C trace context of the command that caused it, or null. */
  readonly traceparent: string | null;
  /** Hash of the previous event in the stream; 64 zeros for revision 0. */
  readonly prevHash: string;
  /** sha256(prevHash ‖ canonical JSON of the hashed fields of its chain version), hex. */
  readonly hash: string;
  readonly data: D;
}

/**
 * What the writer knows before the append: the input of the hash. Chain version 1 leaves
 * `recordedAt` (and `chainVersion`) out of the hash; version 2 covers both.
 */
export type HashedFields<D = Record<string, unknown>> = Omit<EventEnvelope<D>, 'position' | 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);
