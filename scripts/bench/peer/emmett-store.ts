import {
  type EventStore as ChartlineEventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Json,
  type MultiAppendResult,
  type ReadStreamOptions,
  type RecordedEvent,
  StreamNotFound,
  WrongExpectedVersion,
} from '@chartline/infra';
import { type Event, isExpectedVersionConflictError, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';

type StoredEvent = Event<string, Record<string, Json>, Record<string, Json>>;

/**
 * The peer's plumbing behind our EventStore port, so that the SAME command pipeline (validate,
 * load, our pure deciders, hash chain, personal-field encryption) runs on either store and the
 * comparison is of the stores alone: reads are Emmett's `readStream`, writes its `appendToStream`
 * with an expected stream version.
 *
 * Emmett appends one stream per call; our commands touch up to four streams and our port appends
 * them atomically. Here they are appended one after another (each checked against its expected
 * version) — a weaker guarantee than ours, which can only flatter the peer.
 *
 * Emmett numbers stream versions from 1 (0 = no stream); our revisions from 0.
 */
export class EmmettPortAdapter implements Pick<ChartlineEventStore, 'readStream' | 'appendToStreams' | 'close'> {
  readonly emmett: PostgresEventStore;
  /** Our revision of each stream this process wrote: a tail read asks only for the last event. */
  private readonly heads = new Map<string, number>();

  constructor(connectionString: string) {
    this.emmett = getPostgreSQLEventStore(connectionString);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const tail = options.direction === 'backwards' && options.maxCount === 1;
    const head = tail ? this.heads.get(streamId) : undefined;
    const result = await this.emmett.readStream<StoredEvent>(
      streamId,
      head !== undefined ? { from: BigInt(head + 1) } : {},
    );
    if (!result.streamExists || result.events.length === 0) throw new StreamNotFound(streamId);
    const records = result.events.map((event) => ({
      eventId: String(event.metadata.messageId),
      type: event.type,
      data: event.data,
      metadata: event.metadata as unknown as Record<string, Json>,
      streamId,
      revision: Number(event.metadata.streamPosition) - 1,
      position: Number(event.metadata.globalPosition),
      recordedAt: '',
    }));
    if (options.direction === 'backwards') records.reverse();
    return options.maxCount === undefined ? records : records.slice(0, options.maxCount);
  }

  async appendToStreams(
    appends: readonly { streamId: string; events: readonly EventToAppend[]; expected: ExpectedRevision }[],
  ): Promise<MultiAppendResult> {
    const streams = [];
    let position = 0;
    for (const append of appends) {
      if (append.events.length === 0) continue;
      const expected =
        append.expected === 'no_stream'
          ? STREAM_DOES_NOT_EXIST
          : typeof append.expected === 'number'
            ? BigInt(append.expected + 1)
            : undefined;
      try {
        const result = await this.emmett.appendToStream<StoredEvent>(
          append.streamId,
          append.events.map((e) => ({
            type: e.type,
            data: e.data,
            metadata: { ...e.metadata, messageId: e.eventId },
          })),
          expected === undefined ? {} : { expectedStreamVersion: expected },
        );
        const revision = Number(result.nextExpectedStreamVersion) - 1;
        this.heads.set(append.streamId, revision);
        position = Math.max(position, Number(result.lastEventGlobalPosition));
        streams.push({ streamId: append.streamId, nextExpectedRevision: revision, position });
      } catch (error) {
        if (isExpectedVersionConflictError(error)) {
          throw new WrongExpectedVersion(
            append.streamId,
            append.expected,
            this.heads.get(append.streamId) ?? 'no_stream',
          );
        }
        throw error;
      }
    }
    return { streams, position };
  }

  close(): Promise<void> {
    return this.emmett.close();
  }
}
