import {
  KafkaBus,
  MasterKey,
  openKeyStore,
  openMongoReadStore,
  openRedisCache,
  type ProjectorEnv,
  startProbeServer,
} from '@chartline/infra';
import { createLogger, createMetricsRegistry, instrumentBus, instrumentCache } from '@chartline/infra/telemetry';
import type { Projection } from '../runtime/projection.js';
import { type LiveProjectorDeps, startLiveProjector } from './live-projector.js';
import { projectorReadinessChecks } from './readiness-checks.js';

export interface ProjectorProcessOptions {
  readonly clientId: string;
  /** A run's own topics, group and partition count (the bench on a shared Kafka); absent: production's. */
  readonly names?: LiveProjectorDeps['names'];
  readonly partitions?: number;
}

/**
 * One module's projector process as it runs everywhere it runs as a process: adapters opened from
 * its env (Kafka, MongoDB, Redis, key store), traced, counted and logged, with /healthz, /readyz and
 * /metrics on PORT. The production entrypoint and the bench host differ only in `options`.
 */
export async function runProjectorProcess(
  projection: Projection,
  env: ProjectorEnv,
  options: ProjectorProcessOptions,
): Promise<{ stop(): Promise<void> }> {
  const service = `projector-${projection.module}`;
  const log = createLogger({ service, level: env.LOG_LEVEL });
  const keys = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  const readStore = await openMongoReadStore(env.MONGODB_URL);
  const cache = instrumentCache(await openRedisCache(env.REDIS_URL));
  const metrics = createMetricsRegistry();
  const bus = instrumentBus(new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: options.clientId, logger: log }));
  // Probes first: while the topic or a server is still missing (Kubernetes starts pods in any
  // order) the process stays up and /readyz says which; the projector starts once they are there.
  const stopping = new AbortController();
  let projector: Awaited<ReturnType<typeof startLiveProjector>> | undefined;
  const probes = await startProbeServer({
    port: env.PORT,
    host: env.HOST,
    service,
    checks: {
      ...projectorReadinessChecks({ bus, readStore, keys, cache }),
      consumer: async () => projector !== undefined,
    },
    registry: metrics,
  });
  const starting = startLiveProjector(projection, {
    bus,
    readStore,
    cache,
    keys,
    observe: { metrics, log },
    signal: stopping.signal,
    ...(options.names && { names: options.names }),
    ...(options.partitions !== undefined && { partitions: options.partitions }),
  }).then(
    (started) => {
      projector = started;
      log.info({}, 'projector consuming');
    },
    (error: unknown) => {
      if (stopping.signal.aborted) return;
      // Not transient (a bug, not a server away): exit 1 as a failed start does, so it is restarted and seen.
      log.error({ errorName: error instanceof Error ? error.name : 'unknown' }, 'projector cannot start');
      process.exit(1);
    },
  );
  log.info({ port: probes.port }, 'projector running');
  return {
    async stop() {
      stopping.abort();
      await starting;
      await projector?.stop();
      await probes.close();
      await Promise.allSettled([bus.close(), readStore.close(), cache.close(), keys.close()]);
    },
  };
}
