import { dlqTopicFor, topicFor } from '@chartline/events';
import type { Cache, EventBus, KeyStore, ReadStore } from '@chartline/infra';
import { type MetricsRegistry, projectorMetrics } from '@chartline/infra/telemetry';
import { decodeMessage } from '../runtime/decode.js';
import { revealWith } from '../runtime/personal-data.js';
import type { Projection } from '../runtime/projection.js';
import { type Projector, startProjector } from '../runtime/projector.js';
import { liveNaming } from '../runtime/view-naming.js';

type LogFn = (fields: Record<string, unknown>, message: string) => void;

export interface LiveProjectorDeps {
  readonly bus: EventBus;
  readonly readStore: ReadStore;
  readonly cache: Cache;
  /** Personal fields are decrypted with these keys on their way into the views. */
  readonly keys: KeyStore;
  /** Partitions of the module's topic (the bus creates it if absent). */
  readonly partitions?: number;
  /** Other topics and group than the production names (a bench run's own, on a shared Kafka). */
  readonly names?: { readonly topic: string; readonly dlqTopic: string; readonly groupId: string };
  /** Aborts a start still waiting for its topic or a server. */
  readonly signal?: AbortSignal;
  /** The metrics the alerts read and the log lines operators read; absent: neither. */
  readonly observe?: {
    readonly metrics: MetricsRegistry;
    readonly log: { readonly debug: LogFn; readonly warn: LogFn; readonly error: LogFn };
  };
}

/**
 * One module's projector on the live views, as every composition runs it: the module's topic and
 * dead-letter topic, consumer group `chartline.projector.<module>`, Avro decoding, personal fields
 * revealed, cache generations bumped; with `observe`, counted and logged as the entrypoint does.
 */
export async function startLiveProjector(projection: Projection, deps: LiveProjectorDeps): Promise<Projector> {
  const group = deps.names?.groupId ?? `chartline.projector.${projection.module}`;
  const log = deps.observe?.log;
  const observed = deps.observe && projectorMetrics(deps.observe.metrics, { module: projection.module, group });
  const projector = await startProjector({
    bus: deps.bus,
    projection,
    decode: decodeMessage,
    topic: deps.names?.topic ?? topicFor(projection.module),
    dlqTopic: deps.names?.dlqTopic ?? dlqTopicFor(projection.module),
    groupId: group,
    partitions: deps.partitions,
    readStore: deps.readStore,
    naming: liveNaming(),
    reveal: revealWith(deps.keys),
    cache: deps.cache,
    ...(deps.signal && { signal: deps.signal }),
    onParked: (reason) => {
      observed?.onParked();
      log?.error({ reason }, 'event parked on the dead-letter topic');
    },
    onRetry: (error, attempt, transient) =>
      log?.warn(
        { attempt, transient, errorName: error instanceof Error ? error.name : 'unknown', err: error },
        'retrying',
      ),
    onBatch: (events, millis) => {
      observed?.onBatch(events, millis);
      log?.debug({ events, millis }, 'batch applied');
    },
  });
  observed?.watch(projector);
  return projector;
}
