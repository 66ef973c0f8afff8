import { memoryCheckpointStore, moduleTopics, type Relay, startRelay, toBusMessage } from '@chartline/commands/relay';
import { moduleEvents } from '@chartline/events';
import {
  createDevTokenIssuer,
  createMemoryIdempotencyStore,
  createMemoryKeyStore,
  InProcessBus,
  LruCache,
  MemoryEventStore,
  MemoryReadStore,
} from '@chartline/infra';
import {
  createLogger,
  createMetricsRegistry,
  instrumentBus,
  instrumentCache,
  type MetricsRegistry,
  relayMetrics,
} from '@chartline/infra/telemetry';
import { type Projector, projections, startLiveProjector } from '@chartline/projections';
import { createReadApp } from '@chartline/read-api';
import type { Express } from 'express';
import type { DestinationStream } from 'pino';
import { commandModules } from '../../commands/src/main/modules.js';
import { createCommandApp } from '../../commands/src/server/app.js';

export interface InProcessChartline {
  readonly commandApp: Express;
  readonly readApp: Express;
  readonly store: MemoryEventStore;
  readonly cache: LruCache;
  readonly metrics: MetricsRegistry;
  mint(claims: { sub: string; role: string; hospitals: readonly string[] }): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Command API, relay, every projector and the read API in one process on the embedded adapters,
 * wired with the telemetry the production entrypoints use (instrumented bus and cache, metrics,
 * a logger writing wherever the test wants), so a test can follow one command end to end.
 */
export async function startInProcessChartline(log: DestinationStream): Promise<InProcessChartline> {
  const metrics = createMetricsRegistry({ defaultMetrics: false });
  const logger = createLogger({ service: 'chartline-test', level: 'debug', destination: log });
  const store = new MemoryEventStore();
  const keys = createMemoryKeyStore();
  const readStore = new MemoryReadStore();
  const rawCache = new LruCache();
  const cache = instrumentCache(rawCache);
  const bus = instrumentBus(new InProcessBus());
  const tokens = createDevTokenIssuer();
  const auth = { issuer: tokens.issuer, audience: tokens.audience, publicKey: tokens.publicKey };

  const relayed = relayMetrics(metrics);
  const relay: Relay = await startRelay({
    store,
    bus,
    checkpoints: memoryCheckpointStore(null),
    modules: Object.keys(moduleEvents),
    encode: toBusMessage,
    topicsOf: moduleTopics,
    partitions: 2,
    maxBatchDelayMs: 5,
    onBatch: (events, checkpoint) => {
      relayed.onBatch(events, checkpoint);
      logger.debug({ events, checkpoint }, 'batch relayed');
    },
  });
  relayed.watch(relay);
  const projectors: Projector[] = [];
  for (const projection of Object.values(projections)) {
    projectors.push(
      await startLiveProjector(projection, {
        bus,
        readStore,
        cache,
        keys,
        partitions: 2,
        observe: { metrics, log: logger },
      }),
    );
  }

  const commandApp = createCommandApp({
    eventStore: store,
    keyStore: keys,
    idempotency: createMemoryIdempotencyStore(),
    auth,
    modules: commandModules,
    blindIndexSecret: 'in-process-test',
    logger,
    requestLog: logger,
    metrics,
  });
  // Wired as the entrypoints wire them: request lines (method, route, status) and one registry.
  const readApp = createReadApp({ readStore, eventStore: store, cache, auth, logger, requestLog: logger, metrics });
  return {
    commandApp,
    readApp,
    store,
    cache: rawCache,
    metrics,
    mint: (claims) => tokens.mint(claims),
    async stop() {
      await relay.stop();
      await Promise.all(projectors.map((p) => p.stop()));
      await Promise.allSettled([bus.close(), readStore.close(), cache.close(), keys.close(), store.close()]);
    },
  };
}
