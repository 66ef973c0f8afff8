import {
  type AllStreamResolvedEvent,
  ANY,
  type AppendStreamState,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  FORWARDS,
  type JSONType,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  NotLeaderError,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { CommandAlreadyRecorded, StoreUnavailable, StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type {
  AllFilter,
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Json,
  MultiAppendResult,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedCommand,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../port.js';
import { matchesFilter } from '../shared/filter.js';
import { assertDistinctStreams } from '../shared/validate.js';

/**
 * EventStoreDB / KurrentDB adapter. Positions are the server's commit positions (a byte offset in
 * the log, bigint, safely a JS number below 2^53). System events (`$`-prefixed types, `$`
 * streams) never leave this adapter. The server filters on one thing only (stream prefix OR event
 * type prefix), so we ask it for the more selective one and apply the whole filter here too.
 * appendToStreams uses multiStreamAppend, which needs KurrentDB ≥ 25.1.
 *
 * A command's durable record (the other adapters' unique (hospital, command id) row) is one more
 * stream in the same multiStreamAppend: `chartline_command-<hospital>.<command id>`, written with
 * expected state "no stream", holding one `chartline.CommandRecorded` event. A second record of the
 * command fails that expectation, so the whole append is refused (CommandAlreadyRecorded). These
 * streams never leave the adapter (reads and subscriptions skip them).
 */
export class KurrentEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private closed = false;

  constructor(connectionString: string) {
    // The client understands `esdb://` and `kurrentdb://` alike.
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        streamState: toStreamState(expected),
      });
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        position: Number(result.position?.commit ?? (await this.headPosition())),
      };
    } catch (err) {
      throw mapError(err, streamId, expected);
    }
  }

  async appendToStreams(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<MultiAppendResult> {
    this.assertOpen();
    assertDistinctStreams(appends);
    const record = appends.some((a) => a.events.length > 0) ? options.command : undefined;
    const recordStream = record ? commandStream(record.hospitalId, record.commandId) : undefined;
    try {
      const result = await this.client.multiStreamAppend([
        ...appends.map((a) => ({
          streamName: a.streamId,
          events: a.events.map(toEventData),
          expectedState: toStreamState(a.expected),
        })),
        ...(record && recordStream
          ? [
              {
                streamName: recordStream,
                events: [jsonEvent({ type: COMMAND_RECORDED, data: record.outcome as JSONType, metadata: {} })],
                expectedState: NO_STREAM as AppendStreamState,
              },
            ]
          : []),
      ]);
      const position = Number(result.position);
      const revisions = new Map(result.responses.map((r) => [r.streamName, Number(r.revision)]));
      return {
        streams: appends.map((a) => ({
          streamId: a.streamId,
          nextExpectedRevision: revisions.get(a.streamId) ?? -1,
          position,
        })),
        position,
      };
    } catch (err) {
      if (record && err instanceof WrongExpectedVersionError && err.streamName === recordStream) {
        throw new CommandAlreadyRecorded(record.hospitalId, record.commandId);
      }
      if (err instanceof WrongExpectedVersionError) {
        const failed = appends.find((a) => a.streamId === err.streamName);
        throw mapError(err, err.streamName, failed?.expected ?? 'any');
      }
      throw mapError(err, '', 'any');
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      })) {
        const event = toRecorded(resolved);
        if (event) out.push(event);
      }
    } catch (err) {
      throw mapError(err, streamId, 'any');
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0;
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    const out: RecordedEvent[] = [];
    try {
      // The server's readAll is inclusive of fromPosition; `after` is exclusive.
      for await (const resolved of this.client.readAll({
        fromPosition: after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START,
        filter: serverFilter(options.filter),
      })) {
        const event = toRecorded(resolved);
        if (!event || event.position <= after || !matchesFilter(event.streamId, event.type, options.filter)) continue;
        out.push(event);
        if (out.length >= max) break;
      }
    } catch (err) {
      throw mapError(err, '', 'any');
    }
    return out;
  }

  async findCommand(hospitalId: string, commandId: string): Promise<RecordedCommand | undefined> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readStream(commandStream(hospitalId, commandId), { maxCount: 1 })) {
        const e = resolved.event;
        if (!e?.isJson) continue;
        return {
          hospitalId,
          commandId,
          outcome: e.data as { [key: string]: Json },
          position: Number(e.position?.commit ?? 0),
          recordedAt: e.created.toISOString(),
        };
      }
      return undefined;
    } catch (err) {
      if (err instanceof StreamNotFoundError) return undefined;
      throw mapError(err, '', 'any');
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const after = options.after ?? 0;
    // The server's subscription starts after fromPosition (exclusive), as our checkpoint does.
    const subscription = this.client.subscribeToAll({
      fromPosition: after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START,
      filter: serverFilter(options.filter),
    });
    async function* events(): AsyncGenerator<RecordedEvent> {
      for await (const resolved of subscription) {
        const event = toRecorded(resolved);
        if (event && event.position > after && matchesFilter(event.streamId, event.type, options.filter)) yield event;
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      async close() {
        await subscription.unsubscribe();
        await iterator.return(undefined);
      },
    };
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1,
        filter: excludeSystemEvents(),
      })) {
        return Number(resolved.event?.position?.commit ?? 0);
      }
      return 0;
    } catch (err) {
      throw mapError(err, '', 'any');
    }
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.headPosition();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailable('the EventStoreDB event store is closed');
  }
}

/**
 * EventStoreDB stamps its own `created`; the writer's recordedAt (hashed from chain version 2)
 * rides in the metadata under this key and is lifted back out on read.
 */
const RECORDED_AT_KEY = '$recordedAt';

function toEventData(e: EventToAppend) {
  return jsonEvent({
    id: e.eventId,
    type: e.type,
    data: e.data as JSONType,
    metadata: (e.recordedAt === undefined
      ? e.metadata
      : { ...e.metadata, [RECORDED_AT_KEY]: e.recordedAt }) as JSONType,
  });
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

function serverFilter(filter: AllFilter | undefined): Filter {
  if (filter?.streamPrefixes) return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  if (filter?.eventTypePrefixes) return eventTypeFilter({ prefixes: [...filter.eventTypePrefixes] });
  return excludeSystemEvents();
}

const COMMAND_STREAM_CATEGORY = 'chartline_command-';
const COMMAND_RECORDED = 'chartline.CommandRecorded';
const commandStream = (hospitalId: string, commandId: string) => `${COMMAND_STREAM_CATEGORY}${hospitalId}.${commandId}`;

function toRecorded(resolved: AllStreamResolvedEvent | ResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || e.type.startsWith('$') || e.streamId.startsWith('$')) return undefined;
  // Command records are this adapter's bookkeeping, not events of the system.
  if (e.streamId.startsWith(COMMAND_STREAM_CATEGORY)) return undefined;
  if (!e.isJson) return undefined;
  const { [RECORDED_AT_KEY]: recordedAt, ...metadata } = (e.metadata ?? {}) as { [key: string]: Json };
  return {
    eventId: e.id,
    type: e.type,
    data: e.data as { [key: string]: Json },
    metadata,
    streamId: e.streamId,
    revision: Number(e.revision),
    position: Number(e.position?.commit ?? resolved.commitPosition ?? 0),
    recordedAt: typeof recordedAt === 'string' ? recordedAt : e.created.toISOString(),
  };
}

function mapError(err: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (err instanceof WrongExpectedVersionError) {
    const actual = err.actualState;
    return new WrongExpectedVersion(
      err.streamName || streamId,
      expected,
      typeof actual === 'bigint' ? Number(actual) : 'no_stream',
    );
  }
  if (err instanceof StreamNotFoundError) return new StreamNotFound(streamId);
  if (
    err instanceof UnavailableError ||
    err instanceof DeadlineExceededError ||
    err instanceof CancelledError ||
    err instanceof NotLeaderError
  ) {
    return new StoreUnavailable('EventStoreDB is unavailable', { cause: err });
  }
  return err;
}
