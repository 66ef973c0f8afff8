/**
 * The event store port: the system of record. Four adapters implement it (EventStoreDB,
 * PostgreSQL, SQLite, in-memory) and one contract suite (`contract.ts`) proves each of them.
 *
 * Positions are global, commit-ordered and strictly increasing numbers; a subscriber that resumes
 * "after position p" must never skip an event that committed later with a smaller number.
 */

/** JSON value the store round-trips exactly (any unicode, including "\u0000" and astral chars). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EventToAppend {
  /** UUID v7, chosen by the writer. */
  readonly eventId: string;
  /** `<module>.<EventName>`. */
  readonly type: string;
  readonly data: { readonly [key: string]: Json };
  /** Everything else of the envelope the writer knows (hospitalId, actor, hashes, …). */
  readonly metadata: { readonly [key: string]: Json };
  /**
   * ISO-8601 UTC with milliseconds (`toISOString()`), assigned by the writer before the append and
   * covered by its hash (chain version 2): the store keeps it as given. Absent: the store's clock.
   */
  readonly recordedAt?: string;
}

export interface RecordedEvent extends EventToAppend {
  readonly streamId: string;
  /** 0-based position within the stream. */
  readonly revision: number;
  /** Global position (> 0), increasing in commit order. */
  readonly position: number;
  /** ISO-8601 UTC: the writer's, when it gave one, else assigned by the store. */
  readonly recordedAt: string;
}

/** What the writer expects of the stream before its append. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event written (the stream's new revision). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written: the consistency token. */
  readonly position: number;
}

/** One stream's part of an atomic multi-stream append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
}

/**
 * The durable record of one command, written in the same transaction as its events: the event
 * store refuses a second record of the same (hospital, command id), so a command retried after its
 * idempotency cache forgot it (a restart, Redis losing data) appends nothing and can answer with
 * what it answered first. One record per command, however many events and streams it wrote.
 */
export interface CommandRecord {
  readonly hospitalId: string;
  /** The command's id (every event's causationId). */
  readonly commandId: string;
  /** What the writer wants back on a retry (its request fingerprint, the answer's fields). */
  readonly outcome: { readonly [key: string]: Json };
}

export interface RecordedCommand extends CommandRecord {
  /** Global position of the command's last event: the answer's consistency token. */
  readonly position: number;
  readonly recordedAt: string;
}

export interface AppendOptions {
  /** Record the command with its events; the append fails with CommandAlreadyRecorded if it was. */
  readonly command?: CommandRecord;
}

export interface MultiAppendResult {
  /** Per stream, in the order given. */
  readonly streams: readonly (AppendResult & { readonly streamId: string })[];
  /** Highest global position written: the consistency token. */
  readonly position: number;
}

/** Which command's record `readCommandStreams` looks up with the streams. */
export interface CommandRef {
  readonly hospitalId: string;
  readonly commandId: string;
}

/** What `readCommandStreams` found: the streams as `readStreams` answers them, and the command's record. */
export interface CommandStreamsRead {
  readonly streams: (RecordedEvent[] | null)[];
  readonly command: RecordedCommand | undefined;
}

/** One stream of a `readStreams` call. */
export interface StreamRead {
  readonly streamId: string;
  /** Only the last event (whose state carries the whole stream's). */
  readonly tail?: boolean;
}

export interface ReadStreamOptions {
  /** Revision to start at (inclusive). Default: 0 forwards, the end backwards. */
  readonly fromRevision?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface AllFilter {
  /** Only streams whose id starts with one of these (e.g. `patient-`, `bed-h1.`). */
  readonly streamPrefixes?: readonly string[];
  /** Only events whose type starts with one of these (e.g. `admissions.`). */
  readonly eventTypePrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: return events with position greater than this. null = from the beginning. */
  readonly after?: number | null;
  readonly filter?: AllFilter;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events after it. null = from the beginning. */
  readonly after?: number | null;
  readonly filter?: AllFilter;
}

/** Catch-up then live. Iterate it; `close()` ends the iteration. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/**
 * One page of a hospital's events for the auditors, in position order (keyset: `after`), narrowed
 * by exact type, actor id and an inclusive occurredAt range. Bounds compare with the envelope's
 * `occurredAt` as written (UTC, `toISOString()` form), so pass them in that form.
 */
export interface HospitalEventsQuery {
  readonly hospitalId: string;
  readonly after: number;
  readonly maxCount: number;
  readonly type?: string | undefined;
  readonly actorId?: string | undefined;
  readonly occurredFrom?: string | undefined;
  readonly occurredTo?: string | undefined;
}

export interface EventStore {
  /** Atomic: the whole batch or nothing. An empty batch checks `expected` and writes nothing. */
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Atomic across streams: every stream's expectation holds and all events are written, or nothing
   * is. A command that touches two aggregates (a bed and a stay) writes through this, so a bed can
   * never be claimed by a stay that was not recorded. Throws WrongExpectedVersion naming the first
   * stream whose expectation failed. (KurrentDB ≥ 25.1 has the same operation: multiStreamAppend.)
   */
  appendToStreams(appends: readonly StreamAppend[], options?: AppendOptions): Promise<MultiAppendResult>;
  /**
   * The command's record, if an append with `options.command` wrote it. An append that writes no
   * event records nothing (there is nothing to repeat).
   */
  findCommand(hospitalId: string, commandId: string): Promise<RecordedCommand | undefined>;
  /** Throws StreamNotFound when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Optional: several streams read at once (one round trip on a server), each whole or, with
   * `tail`, only its last event; a stream with no events is `null` (where readStream throws
   * StreamNotFound). A command loads up to four streams; without this each is its own readStream.
   */
  readStreams?(reads: readonly StreamRead[]): Promise<(RecordedEvent[] | null)[]>;
  /**
   * Optional: readStreams and findCommand in one read (one round trip on a server). A command sent
   * with an Idempotency-Key looks for its durable record before it decides; asked with its streams,
   * that look-up costs no round trip of its own.
   */
  readCommandStreams?(reads: readonly StreamRead[], command: CommandRef): Promise<CommandStreamsRead>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional: an adapter that indexes its events by hospital, actor, type and occurredAt answers
   * the auditors' filtered page from those indexes, in time bounded by the page rather than by the
   * hospital's history. Without it the caller scans `readAll` under a budget.
   */
  readHospitalEvents?(query: HospitalEventsQuery): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the newest event, or 0 when the store is empty. */
  headPosition(): Promise<number>;
  /** Reachability for /readyz. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
