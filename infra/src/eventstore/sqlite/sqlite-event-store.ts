import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateSqliteFile } from '../../files/private-file.js';
import { CommandAlreadyRecorded, StoreUnavailable, StreamNotFound } from '../errors.js';
import type {
  AllFilter,
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  MultiAppendResult,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedCommand,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../port.js';
import { checkExpected } from '../shared/expected.js';
import { pollingSubscription } from '../shared/polling-subscription.js';
import { assertDistinctStreams } from '../shared/validate.js';
import { Wakeup } from '../shared/wakeup.js';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. */
  readonly path: string;
  /** How often a live subscriber looks for commits made by other processes. Default 250 ms. */
  readonly pollMs?: number;
}

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS es_streams (
    stream_id TEXT PRIMARY KEY,
    revision  INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS es_events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT NOT NULL,
    type        TEXT NOT NULL,
    data        TEXT NOT NULL,
    metadata    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  );
  -- One row per command that wrote events (not per event: a command may write several), so a
  -- retry after the idempotency cache forgot it appends nothing. Created on open, so a file made
  -- before this table existed gains it.
  CREATE TABLE IF NOT EXISTS es_commands (
    hospital_id TEXT NOT NULL,
    command_id  TEXT NOT NULL,
    position    INTEGER NOT NULL,
    outcome     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (hospital_id, command_id)
  ) WITHOUT ROWID;
`;

/** Same-process writers ring the subscribers of every store open on the same file. */
const doorbells = new Map<string, Wakeup>();

/**
 * The embedded default: one WAL-mode SQLite file. Every append is one `BEGIN IMMEDIATE`
 * transaction, which takes the file's single write lock before reading the stream's revision, so
 * AUTOINCREMENT positions are handed out in commit order even with several processes on the file.
 * Data and metadata are stored as the text of JSON.stringify, which escapes "\u0000" and lone
 * surrogates, so any JSON string round-trips exactly.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly wakeup: Wakeup;
  private readonly pollMs: number;
  private readonly statements = new Map<string, Database.Statement>();
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.pollMs = options.pollMs ?? 250;
    try {
      ensurePrivateSqliteFile(options.path);
      this.db = new Database(options.path);
      this.db.pragma('journal_mode = WAL');
      // A command is acknowledged after its append commits; FULL syncs the WAL at every commit, so
      // an acknowledged command survives a power cut (NORMAL may lose the last commits).
      this.db.pragma('synchronous = FULL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
    } catch (err) {
      throw unavailable(err, `cannot open the SQLite event store`);
    }
    if (options.path === ':memory:') {
      this.wakeup = new Wakeup();
    } else {
      const key = resolve(options.path);
      this.wakeup = doorbells.get(key) ?? new Wakeup();
      doorbells.set(key, this.wakeup);
    }
  }

  /** How the file is synced at each commit (PRAGMA synchronous): `full` while nothing changed it. */
  get synchronous(): 'off' | 'normal' | 'full' | 'extra' {
    const modes = ['off', 'normal', 'full', 'extra'] as const;
    return modes[Number(this.db.pragma('synchronous', { simple: true }))] ?? 'off';
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.appendToStreams([{ streamId, events, expected }]);
    const [only] = result.streams;
    if (!only) throw new Error('unreachable: one stream appended');
    return { nextExpectedRevision: only.nextExpectedRevision, position: only.position };
  }

  async appendToStreams(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<MultiAppendResult> {
    assertDistinctStreams(appends);
    const result = this.guard(() => this.db.transaction(() => this.writeAll(appends, options)).immediate());
    if (appends.some((a) => a.events.length > 0)) this.wakeup.ring();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.guard(() => {
      const limit = options.maxCount ?? -1;
      const rows =
        options.direction === 'backwards'
          ? this.stmt(
              'SELECT * FROM es_events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
            ).all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
          : this.stmt('SELECT * FROM es_events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?').all(
              streamId,
              options.fromRevision ?? 0,
              limit,
            );
      if (rows.length === 0 && this.currentRevision(streamId) === 'no_stream') throw new StreamNotFound(streamId);
      return (rows as EventRow[]).map(toRecorded);
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.guard(() => {
      const { clause, params } = filterSql(options.filter);
      const sql = `SELECT * FROM es_events WHERE position > ?${clause} ORDER BY position LIMIT ?`;
      const rows = this.stmt(sql).all(options.after ?? 0, ...params, options.maxCount ?? -1) as EventRow[];
      return rows.map(toRecorded);
    });
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return pollingSubscription(
      {
        readBatch: (after, filter, maxCount) => this.readAll({ after, filter, maxCount }),
        wakeup: this.wakeup,
        pollMs: this.pollMs,
      },
      options,
    );
  }

  async findCommand(hospitalId: string, commandId: string): Promise<RecordedCommand | undefined> {
    return this.guard(() => {
      const row = this.stmt(
        'SELECT position, outcome, recorded_at FROM es_commands WHERE hospital_id = ? AND command_id = ?',
      ).get(hospitalId, commandId) as { position: number; outcome: string; recorded_at: string } | undefined;
      return row
        ? {
            hospitalId,
            commandId,
            position: row.position,
            outcome: JSON.parse(row.outcome),
            recordedAt: row.recorded_at,
          }
        : undefined;
    });
  }

  async headPosition(): Promise<number> {
    return this.guard(() => {
      const row = this.stmt('SELECT MAX(position) AS head FROM es_events').get() as { head: number | null };
      return row.head ?? 0;
    });
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      this.stmt('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  /** Runs inside BEGIN IMMEDIATE: check every expectation first, so a failure writes nothing. */
  private writeAll(appends: readonly StreamAppend[], options: AppendOptions): MultiAppendResult {
    const current = appends.map((a) => this.currentRevision(a.streamId));
    for (const [i, a] of appends.entries()) checkExpected(a.streamId, a.expected, current[i] ?? 'no_stream');
    const record = options.command;
    const writes = appends.some((a) => a.events.length > 0);
    if (record && writes) {
      const seen = this.stmt('SELECT 1 FROM es_commands WHERE hospital_id = ? AND command_id = ?').get(
        record.hospitalId,
        record.commandId,
      );
      if (seen) throw new CommandAlreadyRecorded(record.hospitalId, record.commandId);
    }
    const insert = this.stmt(
      `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const upsertStream = this.stmt(
      `INSERT INTO es_streams (stream_id, revision) VALUES (?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision`,
    );
    const recordedAt = new Date().toISOString();
    let position = 0;
    const streams = appends.map((a, i) => {
      const before = current[i];
      let revision = before === 'no_stream' || before === undefined ? -1 : before;
      for (const e of a.events) {
        revision += 1;
        const info = insert.run(
          a.streamId,
          revision,
          e.eventId,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          e.recordedAt ?? recordedAt,
        );
        position = Number(info.lastInsertRowid);
      }
      if (a.events.length > 0) upsertStream.run(a.streamId, revision);
      return { streamId: a.streamId, nextExpectedRevision: revision, position };
    });
    if (position === 0)
      position = (this.stmt('SELECT MAX(position) AS head FROM es_events').get() as { head: number | null }).head ?? 0;
    if (record && writes) {
      this.stmt(
        'INSERT INTO es_commands (hospital_id, command_id, position, outcome, recorded_at) VALUES (?, ?, ?, ?, ?)',
      ).run(record.hospitalId, record.commandId, position, JSON.stringify(record.outcome), recordedAt);
    }
    return { streams: streams.map((s) => ({ ...s, position: s.position || position })), position };
  }

  private currentRevision(streamId: string): number | 'no_stream' {
    const row = this.stmt('SELECT revision FROM es_streams WHERE stream_id = ?').get(streamId) as
      | { revision: number }
      | undefined;
    return row ? row.revision : 'no_stream';
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Domain errors pass through; a closed store or a file-level failure becomes StoreUnavailable. */
  private guard<T>(work: () => T): T {
    if (this.closed) throw new StoreUnavailable('the SQLite event store is closed');
    try {
      return work();
    } catch (err) {
      if (isFileLevel(err)) throw unavailable(err, 'the SQLite event store failed');
      throw err;
    }
  }
}

function filterSql(filter: AllFilter | undefined): { clause: string; params: string[] } {
  let clause = '';
  const params: string[] = [];
  const prefixes = (column: string, values: readonly string[] | undefined) => {
    if (!values) return;
    if (values.length === 0) {
      clause += ' AND 0';
      return;
    }
    clause += ` AND (${values.map(() => `substr(${column}, 1, length(?)) = ?`).join(' OR ')})`;
    for (const v of values) params.push(v, v);
  };
  prefixes('stream_id', filter?.streamPrefixes);
  prefixes('type', filter?.eventTypePrefixes);
  return { clause, params };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
  };
}

/** Busy past the timeout, I/O errors, a full disk, a file we cannot open: the store, not the request. */
function isFileLevel(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return (
    err instanceof Database.SqliteError &&
    typeof code === 'string' &&
    /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|CORRUPT|NOTADB|READONLY|PROTOCOL)/.test(code)
  );
}

function unavailable(err: unknown, message: string): StoreUnavailable {
  const code = (err as { code?: unknown }).code;
  return new StoreUnavailable(`${message}${typeof code === 'string' ? ` (${code})` : ''}`, { cause: err });
}
