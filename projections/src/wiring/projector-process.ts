import {
  KafkaBus,
  MasterKey,
  openKeyStore,
  openMongoReadStore,
  openRedisCache,
  type ProjectorEnv,
  runConsumerProcess,
} from '@chartline/infra';
import { createLogger, createMetricsRegistry, instrumentBus, instrumentCache } from '@chartline/infra/telemetry';
import type { Projection } from '../runtime/projection.js';
import { type LiveProjectorDeps, startLiveProjector } from './live-projector.js';

export interface ProjectorProcessOptions {
  readonly clientId: string;
  /** A run's own topics, group and partition count (the bench on a shared Kafka); absent: production's. */
  readonly names?: LiveProjectorDeps['names'];
  readonly partitions?: number;
}

/**
 * One module's projector process as it runs everywhere it runs as a process: adapters opened from
 * its env (Kafka, MongoDB, Redis, key store), traced, counted and logged, with /healthz, /readyz and
 * /metrics on PORT. The production entrypoint and the bench host differ only in `options`. Its
 * lifecycle (probes first, dependencies opened and the group joined with backoff whatever is down
 * at start, SIGTERM) is every consumer's: `runConsumerProcess` (infra/src/consumer/).
 */
export async function runProjectorProcess(
  projection: Projection,
  env: ProjectorEnv,
  options: ProjectorProcessOptions,
): Promise<{ stop(): Promise<void> }> {
  const service = `projector-${projection.module}`;
  const log = createLogger({ service, level: env.LOG_LEVEL });
  const metrics = createMetricsRegistry();
  // All four block readiness: without any of them the projector stops projecting (each failure is
  // transient to the runtime and the batch is retried until the dependency returns). Unlike the
  // read API, which answers from MongoDB with Redis down, a batch must bump the cache generation of
  // each view it writes, or cached answers from before the write would be served; and the key
  // store holds the keys that decrypt personal fields on their way into the views.
  const running = await runConsumerProcess({
    kind: 'projector',
    service,
    port: env.PORT,
    host: env.HOST,
    log,
    registry: metrics,
    stallAfterMs: env.CONSUMER_STALL_SECONDS * 1000,
    dependencies: {
      bus: {
        check: 'kafka',
        open: () =>
          instrumentBus(new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: options.clientId, logger: log })),
      },
      readStore: {
        check: 'read-store',
        open: () => openMongoReadStore(env.MONGODB_URL),
      },
      keys: {
        check: 'key-store',
        open: () => openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY)),
      },
      cache: {
        check: 'cache',
        open: async () => instrumentCache(await openRedisCache(env.REDIS_URL)),
      },
    },
    start: (opened, signal) =>
      startLiveProjector(projection, {
        ...opened,
        observe: { metrics, log },
        signal,
        ...(options.names && { names: options.names }),
        ...(options.partitions !== undefined && { partitions: options.partitions }),
      }),
  });
  return { stop: () => running.stop() };
}
