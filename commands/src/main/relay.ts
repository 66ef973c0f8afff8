import { moduleEvents } from '@chartline/events';
import {
  createMemoryKeyStore,
  KafkaBus,
  openEventStore,
  readEnv,
  relayEnv,
  runProcess,
  startProbeServer,
} from '@chartline/infra';
import { createLogger, createMetricsRegistry, instrumentBus, relayMetrics } from '@chartline/infra/telemetry';
import { v7 as uuidv7 } from 'uuid';
import {
  moduleTopics,
  moveCompleter,
  openRelayCheckpointStore,
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
  const store = await openEventStore(env.EVENT_STORE_URL);
  const checkpoints = await openRelayCheckpointStore(env.EVENT_STORE_URL);
  const metrics = createMetricsRegistry();
  const relayed = relayMetrics(metrics);
  const bus = instrumentBus(new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: 'chartline-relay', logger: log }));
  const relay = await startRelay({
    store,
    bus,
    checkpoints,
    modules,
    encode: toBusMessage,
    topicsOf: moduleTopics,
    partitions: env.KAFKA_PARTITIONS,
    moves: {
      groupsOf: systemGroupsOf(),
      // HospitalMoveCompleted through the command pipeline. The placement events carry no personal
      // data, so no key store or blind index is ever asked for: throwaway ones stand in.
      completeMove: moveCompleter({
        eventStore: store,
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
    onBatch: (events, checkpoint) => {
      relayed.onBatch(events, checkpoint);
      log.debug({ events, checkpoint }, 'batch relayed');
    },
  });
  relayed.watch(relay);
  relay.done.catch((error: unknown) => {
    // An event the relay cannot encode stops it rather than be skipped; let the orchestrator see it.
    log.fatal({ errorName: error instanceof Error ? error.name : 'unknown' }, 'relay stopped');
    process.exit(1);
  });
  const probes = await startProbeServer({
    port: env.PORT,
    host: env.HOST,
    service: 'relay',
    // Without either the relay cannot move an event: both block.
    checks: { 'event-store': () => store.ping(), kafka: () => bus.ping() },
    registry: metrics,
  });
  log.info({ port: probes.port, modules }, 'relay running');
  return {
    async stop() {
      await relay.stop();
      await probes.close();
      await Promise.allSettled([bus.close(), checkpoints.close(), store.close()]);
    },
  };
});
