import pg from 'pg';
import { CommandAlreadyRecorded, StoreUnavailable, StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  CommandRef,
  CommandStreamsRead,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  HospitalEventsQuery,
  MultiAppendResult,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedCommand,
  RecordedEvent,
  StreamAppend,
  StreamRead,
  SubscribeOptions,
  Subscription,
} from '../port.js';
import { pollingSubscription } from '../shared/polling-subscription.js';
import { assertDistinctStreams } from '../shared/validate.js';
import { Wakeup } from '../shared/wakeup.js';
import { hospitalEventsSql } from './audit-index.js';
import { isConnectionFailure } from './connection-errors.js';
import { APPEND_LOCK_CLASS, channelFor, createSchema, quoteIdent, WRONG_EXPECTED_VERSION } from './schema.js';

export interface PostgresEventStoreOptions {
  readonly url: string;
  /** Schema holding `streams` and `events`; tests use one per run. Default `eventstore`. */
  readonly schema?: string;
  readonly poolSize?: number;
  /** Polling fallback when a NOTIFY is missed (listener down, reconnecting). Default 1000 ms. */
  readonly pollMs?: number;
}

/** At most one NOTIFY per this many ms (see announce). */
const ANNOUNCE_GAP_MS = 5;

/** The events side of a stream row joined to no event. */
type NullRow = { readonly [K in keyof EventRow]: null };
const isEventRow = (row: EventRow | NullRow): row is EventRow => row.position !== null;

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: Date;
}

/**
 * PostgreSQL adapter.
 *
 * Global order: an identity/sequence column alone is not commit-ordered (transaction A takes 5,
 * B takes 6, B commits first: a reader that saw 6 and resumes "after 6" never sees 5). Appends
 * take a per-schema advisory lock in SHARED mode from their first statement to COMMIT, so they
 * run and commit side by side (sharing WAL flushes); every read of the global order (`readAll`,
 * so subscriptions, and the auditors' pages) takes the same lock EXCLUSIVE before it reads: it
 * waits for the appends in flight to finish and holds new ones back for the read, so it sees a
 * final prefix — every position handed out before it is committed or rolled back, and later
 * appends take larger positions. "After p" never skips, positions stay one plain number, and
 * only this schema's appends delay a reader (no cluster-wide `pg_snapshot_xmin` horizon). The
 * price: a global-order read makes appends wait for its duration (one index walk of a page).
 * Until December 2026 the lock was taken exclusive by appends, so commits were serialised, WAL
 * flush included; figures in docs/performance.md.
 *
 * One round trip: the whole append is one call of the schema's `append_events` function
 * (schema.ts), sent outside any explicit transaction, so it is its own transaction. It raises
 * SQLSTATE CL409 when an expectation fails; the adapter turns that into WrongExpectedVersion.
 *
 * Per stream: a `streams` row per stream, upserted and locked (ON CONFLICT DO UPDATE locks it)
 * before the expectation is checked, so concurrent writers to one stream queue and exactly one
 * wins each revision; UNIQUE (stream_id, revision) is the backstop.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: pg.Pool;
  private readonly s: string;
  private readonly channel: string;
  private readonly wakeup = new Wakeup();
  private readonly pollMs: number;
  private listener: pg.Client | undefined;
  private announcing: Promise<void> | undefined;
  private announceAgain = false;
  private announceHead = 0;
  private announcedAt = Number.NEGATIVE_INFINITY;
  private listening: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly options: PostgresEventStoreOptions,
    readonly schema: string,
  ) {
    this.s = quoteIdent(schema);
    this.channel = channelFor(schema);
    this.pollMs = options.pollMs ?? 1000;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
    });
    // An idle client whose server went away emits here; the pool drops it and we reconnect lazily.
    this.pool.on('error', () => undefined);
  }

  /** Connects and creates the schema if needed. Throws StoreUnavailable when PostgreSQL is down. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options, options.schema ?? 'eventstore');
    try {
      const client = await store.connect();
      try {
        await createSchema(client, store.schema);
      } finally {
        client.release();
      }
    } catch (err) {
      await store.pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.appendToStreams([{ streamId, events, expected }]);
    const [only] = result.streams;
    if (!only) throw new Error('unreachable: one stream appended');
    return { nextExpectedRevision: only.nextExpectedRevision, position: only.position };
  }

  async appendToStreams(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<MultiAppendResult> {
    assertDistinctStreams(appends);
    const events = appends.flatMap((a, i) => a.events.map((e) => ({ stream: i + 1, e })));
    const record = options.command;
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      // One round trip, one implicit transaction: see appendFunctionSql for what the call does.
      const { rows } = await client.query<{
        stream_id: string;
        before: string;
        last_position: string | null;
        head: string;
      }>({
        name: `chartline-append-${this.schema}`,
        text: `SELECT * FROM ${this.s}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        values: [
          appends.map((a) => a.streamId),
          appends.map((a) => String(a.expected)),
          events.map((x) => x.stream),
          events.map((x) => x.e.eventId),
          events.map((x) => x.e.type),
          events.map((x) => JSON.stringify(x.e.data)),
          events.map((x) => JSON.stringify(x.e.metadata)),
          events.map((x) => x.e.recordedAt ?? null),
          this.channel,
          record?.hospitalId ?? null,
          record?.commandId ?? null,
          record ? JSON.stringify(record.outcome) : null,
        ],
      });
      const head = Number(rows[0]?.head ?? 0);
      if (events.length > 0) this.announce(head);
      const byStream = new Map(rows.map((r) => [r.stream_id, r]));
      return {
        streams: appends.map((a) => {
          const row = byStream.get(a.streamId);
          const before = Number(row?.before ?? -1);
          return {
            streamId: a.streamId,
            nextExpectedRevision: Math.max(before, -1) + a.events.length,
            position: row?.last_position == null ? head : Number(row.last_position),
          };
        }),
        position: head,
      };
    } catch (err) {
      if (isConnectionFailure(err)) {
        broken = err as Error;
        throw new StoreUnavailable('PostgreSQL failed during an append; it may or may not have committed', {
          cause: err,
        });
      }
      const failure = err as { code?: unknown; constraint?: unknown; detail?: unknown };
      if (failure.code === WRONG_EXPECTED_VERSION) throw wrongExpectedVersion(failure.detail, appends);
      if (failure.code === '23505' && failure.constraint === 'commands_pkey' && record) {
        throw new CommandAlreadyRecorded(record.hospitalId, record.commandId);
      }
      if (failure.code === '23505') throw await this.conflict(appends, err);
      throw err;
    } finally {
      // A client whose connection failed mid-call is destroyed, not returned to the pool.
      client.release(broken);
    }
  }

  /**
   * One round trip: the stream's row (it exists once it has events) joined to its events, so a
   * stream with none comes back as one row of NULLs and a missing one as no row (it was a second
   * query when the events came back empty: every command creating a record paid it).
   */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const rows = await this.query<EventRow | NullRow>(
      `SELECT e.* FROM ${this.s}.streams st LEFT JOIN LATERAL (
         SELECT * FROM ${this.s}.events WHERE stream_id = st.stream_id AND revision ${backwards ? '<=' : '>='} $2
         ORDER BY revision ${backwards ? 'DESC' : ''} LIMIT $3
       ) e ON true WHERE st.stream_id = $1 AND st.revision >= 0`,
      [streamId, options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0), options.maxCount ?? null],
    );
    if (rows.length === 0) throw new StreamNotFound(streamId);
    return rows.filter(isEventRow).map(toRecorded);
  }

  /**
   * Every stream a command loads in one round trip (they were one query each, two for a stream
   * without events): per stream, all its events or (tail) the last one.
   */
  async readStreams(reads: readonly StreamRead[]): Promise<(RecordedEvent[] | null)[]> {
    if (reads.length === 0) return [];
    return (await this.readCommandStreams(reads, undefined)).streams;
  }

  /**
   * The streams as readStreams reads them and, in the same statement, the command's record (a
   * row numbered 0 whose `data` is the outcome): the look-up a command with an Idempotency-Key
   * makes before deciding was a round trip of its own (findCommand). One snapshot for both.
   */
  async readCommandStreams(reads: readonly StreamRead[], command: CommandRef | undefined): Promise<CommandStreamsRead> {
    const rows = await this.query<(EventRow | NullRow) & { i: string }>(
      {
        name: `chartline-read-streams-${this.schema}`,
        text: `SELECT r.i, e.position, e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata, e.recorded_at
         FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS r(stream_id, tail, i)
         JOIN ${this.s}.streams st ON st.stream_id = r.stream_id AND st.revision >= 0
         LEFT JOIN LATERAL (
           (SELECT * FROM ${this.s}.events WHERE stream_id = r.stream_id AND NOT r.tail ORDER BY revision)
           UNION ALL
           (SELECT * FROM ${this.s}.events WHERE stream_id = r.stream_id AND r.tail ORDER BY revision DESC LIMIT 1)
         ) e ON true
       UNION ALL
       SELECT 0, c.position, NULL, NULL, NULL, NULL, c.outcome, NULL, c.recorded_at
         FROM ${this.s}.commands c WHERE c.hospital_id = $3 AND c.command_id = $4
       ORDER BY 1, 4`,
      },
      [
        reads.map((r) => r.streamId),
        reads.map((r) => r.tail === true),
        command?.hospitalId ?? null,
        command?.commandId ?? null,
      ],
    );
    const found: (RecordedEvent[] | null)[] = reads.map(() => null);
    let recorded: RecordedCommand | undefined;
    for (const row of rows) {
      const at = Number(row.i) - 1;
      if (at < 0 && command && isEventRow(row)) {
        recorded = {
          ...command,
          position: Number(row.position),
          outcome: JSON.parse(row.data),
          recordedAt: row.recorded_at.toISOString(),
        };
        continue;
      }
      const events = found[at] ?? [];
      found[at] = events;
      if (isEventRow(row)) events.push(toRecorded(row));
    }
    return { streams: found, command: recorded };
  }

  /** One round trip: `events_after` takes the append lock exclusive, then reads (schema.ts). */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>(
      {
        name: `chartline-read-all-${this.schema}`,
        text: `SELECT * FROM ${this.s}.events_after($1, $2, $3, $4)`,
      },
      [
        options.after ?? 0,
        options.maxCount ?? null,
        options.filter?.streamPrefixes ?? null,
        options.filter?.eventTypePrefixes ?? null,
      ],
    );
    return rows.map(toRecorded);
  }

  /**
   * A page keyed on position, so it reads a final prefix as `readAll` does: in one transaction,
   * the append lock exclusive first, then the page (READ COMMITTED: the page's statement takes its
   * snapshot after the lock is granted). Four round trips; auditors' pages are rare.
   */
  async readHospitalEvents(query: HospitalEventsQuery): Promise<RecordedEvent[]> {
    const { text, values } = hospitalEventsSql(this.schema, query);
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [APPEND_LOCK_CLASS, this.schema]);
        const { rows } = await client.query<EventRow>(text, values);
        await client.query('COMMIT');
        return rows.map(toRecorded);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } catch (err) {
      if (isConnectionFailure(err)) {
        broken = err as Error;
        throw new StoreUnavailable('PostgreSQL is unavailable', { cause: err });
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return pollingSubscription(
      {
        readBatch: async (after, filter, maxCount) => {
          this.listen();
          return this.readAll({ after, filter, maxCount });
        },
        wakeup: this.wakeup,
        pollMs: this.pollMs,
      },
      options,
    );
  }

  async findCommand(hospitalId: string, commandId: string): Promise<RecordedCommand | undefined> {
    const rows = await this.query<{ position: string; outcome: string; recorded_at: Date }>(
      `SELECT position, outcome, recorded_at FROM ${this.s}.commands WHERE hospital_id = $1 AND command_id = $2`,
      [hospitalId, commandId],
    );
    const row = rows[0];
    return row
      ? {
          hospitalId,
          commandId,
          position: Number(row.position),
          outcome: JSON.parse(row.outcome),
          recordedAt: row.recorded_at.toISOString(),
        }
      : undefined;
  }

  async headPosition(): Promise<number> {
    const rows = await this.query<{ head: string | null }>(`SELECT max(position) AS head FROM ${this.s}.events`, []);
    return Number(rows[0]?.head ?? 0);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.query('SELECT 1', []);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeup.ring();
    await this.announcing;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** A unique violation means another writer won; report it as the expectation failing. */
  private async conflict(appends: readonly StreamAppend[], cause: unknown): Promise<Error> {
    for (const a of appends) {
      const rows = await this.query<{ revision: string }>(
        `SELECT revision FROM ${this.s}.streams WHERE stream_id = $1 AND revision >= 0`,
        [a.streamId],
      ).catch(() => undefined);
      const actual = rows?.[0] ? Number(rows[0].revision) : 'no_stream';
      if (actual !== a.expected) return new WrongExpectedVersion(a.streamId, a.expected, actual);
    }
    return cause instanceof Error ? cause : new Error(String(cause));
  }

  private async connect(): Promise<pg.PoolClient> {
    if (this.closed) throw new StoreUnavailable('the PostgreSQL event store is closed');
    try {
      const client = await this.pool.connect();
      // A checked-out client whose server dies emits 'error'; the pending query rejects anyway,
      // and an unheard 'error' event would crash the process.
      if (client.listenerCount('error') === 0) client.on('error', () => undefined);
      return client;
    } catch (err) {
      throw new StoreUnavailable('cannot connect to PostgreSQL', { cause: err });
    }
  }

  /**
   * Tells listeners (the relay, other processes' subscriptions) that the head moved, after the
   * append committed and without delaying its answer: at most one `pg_notify` in flight, and at
   * most one per ANNOUNCE_GAP_MS; the appends that finish meanwhile share the next one (the
   * payload is only a doorbell). An append after a quiet spell is announced at once; under load
   * a doorbell waits up to ANNOUNCE_GAP_MS. Each `pg_notify` is a round trip of the command API's
   * (~0.1 ms of its CPU: pg client, socket write), and at ~350 commands/s on 16 clients 0.78 of
   * them went out per command. This process's own subscriptions are rung at once. Lost on a crash
   * between commit and here; the subscribers' poll (`pollMs`) covers it.
   */
  private announce(head: number): void {
    this.wakeup.ring();
    this.announceHead = Math.max(this.announceHead, head);
    if (this.announcing || this.closed) {
      this.announceAgain = true;
      return;
    }
    this.announceAgain = false;
    const wait = this.announcedAt + ANNOUNCE_GAP_MS - performance.now();
    this.announcing = (wait > 0 ? new Promise<void>((resolve) => setTimeout(resolve, wait)) : Promise.resolve())
      .then(() => {
        // Sent even when the store is closing meanwhile: close() ends the pool only after this.
        this.announcedAt = performance.now();
        return this.pool.query('SELECT pg_notify($1, $2)', [this.channel, String(this.announceHead)]);
      })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.announcing = undefined;
        if (this.announceAgain && !this.closed) this.announce(this.announceHead);
      });
  }

  private async query<R extends pg.QueryResultRow>(sql: string | pg.QueryConfig, params: unknown[]): Promise<R[]> {
    if (this.closed) throw new StoreUnavailable('the PostgreSQL event store is closed');
    try {
      const config = typeof sql === 'string' ? { text: sql, values: params } : { ...sql, values: params };
      return (await this.pool.query<R>(config)).rows;
    } catch (err) {
      if (isConnectionFailure(err)) throw new StoreUnavailable('PostgreSQL is unavailable', { cause: err });
      throw err;
    }
  }

  /** Starts (or restarts after a failure) the LISTEN connection; polling covers the gaps. */
  private listen(): void {
    if (this.closed || this.listener || this.listening) return;
    const client = new pg.Client({ connectionString: this.options.url, connectionTimeoutMillis: 5000 });
    const drop = () => {
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.wakeup.ring());
    this.listening = client
      .connect()
      .then(() => client.query(`LISTEN ${quoteIdent(this.channel)}`))
      .then(() => {
        if (this.closed) return void client.end().catch(() => undefined);
        this.listener = client;
        // Anything committed while we were connecting is found by the next read.
        this.wakeup.ring();
      })
      .catch(drop)
      .finally(() => {
        this.listening = undefined;
      });
  }
}

/** The append function's CL409 DETAIL ({stream, expected, actual}) as the port's error. */
function wrongExpectedVersion(detail: unknown, appends: readonly StreamAppend[]): WrongExpectedVersion {
  const parsed = JSON.parse(String(detail)) as { stream: string; actual: number };
  const expected = appends.find((a) => a.streamId === parsed.stream)?.expected ?? 'any';
  return new WrongExpectedVersion(parsed.stream, expected, parsed.actual < 0 ? 'no_stream' : parsed.actual);
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    recordedAt: row.recorded_at.toISOString(),
  };
}
