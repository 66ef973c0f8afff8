import { SpanKind } from '@opentelemetry/api';
import type { Registry } from 'prom-client';
import { CommandAlreadyRecorded, WrongExpectedVersion } from '../eventstore/errors.js';
import type { EventStore, StreamAppend } from '../eventstore/port.js';
import { histogramOn, LATENCY_BUCKETS, secondsSince } from './metrics.js';
import { inSpan } from './trace-context.js';

const appendOutcome = (error: unknown) =>
  error instanceof WrongExpectedVersion || error instanceof CommandAlreadyRecorded ? 'conflict' : 'error';

/**
 * The event store with an `eventstore.append` span around each append (a child of the command's
 * span) and `chartline_append_duration_seconds{outcome=ok|conflict|error}`. Reads and
 * subscriptions pass straight through, the optional ones included (readStreams, readCommandStreams,
 * readHospitalEvents) where the store has them.
 */
export function instrumentEventStore(store: EventStore, registry?: Registry): EventStore {
  const duration = registry
    ? histogramOn(registry, {
        name: 'chartline_append_duration_seconds',
        help: 'Event store append latency (one atomic append, one or more streams)',
        labelNames: ['outcome'] as const,
        buckets: LATENCY_BUCKETS,
      })
    : undefined;

  async function timed<T>(appends: readonly StreamAppend[], work: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    const events = appends.reduce((n, a) => n + a.events.length, 0);
    try {
      const result = await inSpan(
        {
          name: 'eventstore.append',
          options: {
            kind: SpanKind.CLIENT,
            attributes: { 'chartline.streams': appends.length, 'chartline.events': events },
          },
        },
        work,
      );
      duration?.observe({ outcome: 'ok' }, secondsSince(started));
      return result;
    } catch (error) {
      duration?.observe({ outcome: appendOutcome(error) }, secondsSince(started));
      throw error;
    }
  }

  return {
    append: (streamId, events, expected) =>
      timed([{ streamId, events, expected }], () => store.append(streamId, events, expected)),
    appendToStreams: (appends, options) => timed(appends, () => store.appendToStreams(appends, options)),
    findCommand: (hospitalId, commandId) => store.findCommand(hospitalId, commandId),
    readStream: (streamId, options) => store.readStream(streamId, options),
    // The optional reads pass through too, only where the store has them: without them a
    // command's streams were read one query each, and its record in one more, behind this wrapper.
    ...(store.readStreams && { readStreams: store.readStreams.bind(store) }),
    ...(store.readCommandStreams && { readCommandStreams: store.readCommandStreams.bind(store) }),
    ...(store.readHospitalEvents && { readHospitalEvents: store.readHospitalEvents.bind(store) }),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
