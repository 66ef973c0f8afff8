import { moduleEvents } from '@chartline/events';
import {
  createMemoryKeyStore,
  type EventStore,
  KafkaBus,
  openEventStore,
  readEnv,
  relayEnv,
  retryLoop,
  runProcess,
  startProbeServer,
  uuidv7,
} from '@chartline/infra';
import { createLogger, createMetricsRegistry, instrumentBus, relayMetrics } from '@chartline/infra/telemetry';
import {
  moduleTopics,
  moveCompleter,
  openRelayCheckpointStore,
  type Relay,
  type RelayCheckpointStore,
  startRelay,
  systemGroupsOf,
  toBusMessage,
} from '../relay/index.js';
import { blindIndexer } from '../server/blind-index.js';
import { eventRegistry } from '../server/event-registry.js';
import { commandModules } from './modules.js';

/** Production entrypoint: event store → Kafka (`npm run start:relay`), one active instance. */
/** Every module's events go to its topic, analytics' modules (audit) included. */
const modules = Object.keys(moduleEvents);

await runProcess('relay', async () => {
  const env = readEnv(relayEnv);
  const log = createLogger({ service: 'relay', level: env.LOG_LEVEL });
  const metrics = createMetricsRegistry();
  const relayed = relayMetrics(metrics);
  const bus = instrumentBus(new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: 'chartline-relay', logger: log }));
  // Probes first: a relay started while PostgreSQL or Kafka is still away (Kubernetes starts pods
  // in any order) stays up, not ready, and opens them again with backoff (issue 22 item 21).
  const stopping = new AbortController();
  const loop = retryLoop({
    signal: stopping.signal,
    onRetry: (error, attempt) =>
      log.warn({ attempt, errorName: error instanceof Error ? error.name : 'unknown', err: error }, 'retrying'),
  });
  let store: EventStore | undefined;
  let checkpoints: RelayCheckpointStore | undefined;
  let relay: Relay | undefined;
  const probes = await startProbeServer({
    port: env.PORT,
    host: env.HOST,
    service: 'relay',
    // Without either the relay cannot move an event: both block.
    checks: { 'event-store': async () => (await store?.ping()) === true, kafka: () => bus.ping() },
    registry: metrics,
  });
  const starting = (async () => {
    store = await loop.untilDone(() => openEventStore(env.EVENT_STORE_URL));
    const opened = store;
    checkpoints = await loop.untilDone(() => openRelayCheckpointStore(env.EVENT_STORE_URL));
    const saved = checkpoints;
    relay = await loop.untilDone(() =>
      startRelay({
        store: opened,
        bus,
        checkpoints: saved,
        modules,
        encode: toBusMessage,
        topicsOf: moduleTopics,
        partitions: env.KAFKA_PARTITIONS,
        moves: {
          groupsOf: systemGroupsOf(),
          // HospitalMoveCompleted through the command pipeline. The placement events carry no personal
          // data, so no key store or blind index is ever asked for: throwaway ones stand in.
          completeMove: moveCompleter({
            eventStore: opened,
            keyStore: createMemoryKeyStore(),
            events: eventRegistry(commandModules),
            clock: () => new Date(),
            newId: uuidv7,
            blindIndex: blindIndexer('relay-writes-no-personal-data'),
            kafkaPartitions: env.KAFKA_PARTITIONS,
          }),
          onWaiting: (move, behind) =>
            log.info(
              { hospitalId: move.hospitalId, from: move.fromPartition, to: move.toPartition, behind },
              'hospital move waiting for consumer groups to pass its old partition',
            ),
          onError: (move, error) =>
            log.warn(
              { hospitalId: move.hospitalId, errorName: error instanceof Error ? error.name : 'unknown' },
              'hospital move: drain check or completion failed; retrying',
            ),
        },
        onPlacementOutOfRange: (hospitalId, partition) =>
          log.warn(
            { hospitalId, partition, partitions: env.KAFKA_PARTITIONS },
            'placement beyond the topics; key hash used',
          ),
        onPublishError: (error, attempt) => {
          relayed.onPublishError(error, attempt);
          log.warn({ attempt, errorName: error instanceof Error ? error.name : 'unknown' }, 'publish failed; retrying');
        },
        onCheckpointError: (error, attempt) =>
          log.warn(
            { attempt, errorName: error instanceof Error ? error.name : 'unknown' },
            'checkpoint not saved; retrying',
          ),
        onBatch: (events, checkpoint) => {
          relayed.onBatch(events, checkpoint);
          log.debug({ events, checkpoint }, 'batch relayed');
        },
      }),
    );
    relayed.watch(relay);
    relay.done.catch((error: unknown) => {
      // An event the relay cannot encode stops it rather than be skipped; let the orchestrator see it.
      log.fatal({ errorName: error instanceof Error ? error.name : 'unknown' }, 'relay stopped');
      process.exit(1);
    });
    log.info({}, 'relay relaying');
  })().catch((error: unknown) => {
    if (stopping.signal.aborted) return;
    // Not a server away (a bug, a wrong password): exit 1 as a failed start does, so it is seen.
    log.error({ errorName: error instanceof Error ? error.name : 'unknown' }, 'relay cannot start');
    process.exit(1);
  });
  log.info({ port: probes.port, modules }, 'relay running');
  return {
    async stop() {
      stopping.abort();
      await starting;
      await relay?.stop();
      await probes.close();
      await Promise.allSettled([bus.close(), checkpoints?.close(), store?.close()]);
    },
  };
});
