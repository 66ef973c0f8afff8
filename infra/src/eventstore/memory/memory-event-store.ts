import { CommandAlreadyRecorded, StoreUnavailable, StreamNotFound } from '../errors.js';
import type {
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
import { matchesFilter } from '../shared/filter.js';
import { pollingSubscription } from '../shared/polling-subscription.js';
import { assertDistinctStreams } from '../shared/validate.js';
import { Wakeup } from '../shared/wakeup.js';

/**
 * Everything in one process's memory: for unit tests and embedded demos. Appends run to the end
 * without awaiting, so JavaScript's single thread makes them atomic and commit-ordered.
 * Events are stored as JSON text and parsed on read, so callers never share (or mutate) our copy.
 */
export class MemoryEventStore implements EventStore {
  private readonly log: { event: RecordedEvent; data: string; metadata: string }[] = [];
  private readonly streams = new Map<string, number[]>();
  private readonly wakeup = new Wakeup();
  /** Command records by hospital and command id, as JSON text (no shared objects). */
  private readonly commands = new Map<string, string>();
  private closed = false;

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.appendToStreams([{ streamId, events, expected }]);
    const [only] = result.streams;
    if (!only) throw new Error('unreachable: one stream appended');
    return { nextExpectedRevision: only.nextExpectedRevision, position: only.position };
  }

  async appendToStreams(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<MultiAppendResult> {
    this.assertOpen();
    assertDistinctStreams(appends);
    // Check every expectation before writing anything: all or nothing.
    for (const a of appends) checkExpected(a.streamId, a.expected, this.currentRevision(a.streamId));
    const record = options.command;
    const writes = appends.some((a) => a.events.length > 0);
    if (record && writes && this.commands.has(commandKey(record.hospitalId, record.commandId))) {
      throw new CommandAlreadyRecorded(record.hospitalId, record.commandId);
    }
    const recordedAt = new Date().toISOString();
    const results: (AppendResult & { streamId: string })[] = [];
    for (const a of appends) {
      const indexes = this.streams.get(a.streamId) ?? [];
      for (const e of a.events) {
        const position = this.log.length + 1;
        const event: RecordedEvent = {
          eventId: e.eventId,
          type: e.type,
          data: {},
          metadata: {},
          streamId: a.streamId,
          revision: indexes.length,
          position,
          recordedAt: e.recordedAt ?? recordedAt,
        };
        this.log.push({ event, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) });
        indexes.push(position - 1);
      }
      if (indexes.length > 0) this.streams.set(a.streamId, indexes);
      results.push({ streamId: a.streamId, nextExpectedRevision: indexes.length - 1, position: this.log.length });
    }
    if (record && writes) {
      const recorded: RecordedCommand = { ...record, position: this.log.length, recordedAt };
      this.commands.set(commandKey(record.hospitalId, record.commandId), JSON.stringify(recorded));
    }
    if (writes) this.wakeup.ring();
    return { streams: results, position: this.log.length };
  }

  async findCommand(hospitalId: string, commandId: string): Promise<RecordedCommand | undefined> {
    this.assertOpen();
    const text = this.commands.get(commandKey(hospitalId, commandId));
    return text === undefined ? undefined : (JSON.parse(text) as RecordedCommand);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const indexes = this.streams.get(streamId);
    if (!indexes) throw new StreamNotFound(streamId);
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    const out: RecordedEvent[] = [];
    if (options.direction === 'backwards') {
      for (
        let r = Math.min(options.fromRevision ?? indexes.length - 1, indexes.length - 1);
        r >= 0 && out.length < max;
        r--
      ) {
        out.push(this.materialise(indexes[r] as number));
      }
    } else {
      for (let r = options.fromRevision ?? 0; r < indexes.length && out.length < max; r++) {
        out.push(this.materialise(indexes[r] as number));
      }
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    const out: RecordedEvent[] = [];
    // Position p lives at index p - 1.
    for (let i = options.after ?? 0; i < this.log.length && out.length < max; i++) {
      const { event } = this.log[i] as (typeof this.log)[number];
      if (matchesFilter(event.streamId, event.type, options.filter)) out.push(this.materialise(i));
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return pollingSubscription(
      {
        readBatch: (after, filter, maxCount) => this.readAll({ after, filter, maxCount }),
        wakeup: this.wakeup,
        pollMs: 1000,
      },
      options,
    );
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.log.length;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeup.ring();
  }

  private currentRevision(streamId: string): number | 'no_stream' {
    const indexes = this.streams.get(streamId);
    return indexes ? indexes.length - 1 : 'no_stream';
  }

  private materialise(index: number): RecordedEvent {
    const row = this.log[index];
    if (!row) throw new Error(`unreachable: no event at index ${index}`);
    return { ...row.event, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailable('the in-memory event store is closed');
  }
}

const commandKey = (hospitalId: string, commandId: string) => `${hospitalId}\u0000${commandId}`;
