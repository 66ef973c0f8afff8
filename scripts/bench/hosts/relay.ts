/**
 * The relay as the production entrypoint composes it (event store → Kafka, checkpointed), on the
 * run's own topics (see run-topics.ts).
 */
import { moduleEvents, moduleOfType } from '@chartline/events';
import { KafkaBus, openEventStore, readEnv, relayEnv, runProcess, startProbeServer } from '@chartline/infra';
import { createMetricsRegistry } from '@chartline/infra/telemetry';
import { openRelayCheckpointStore, startRelay, toBusMessage } from '../../../commands/src/relay/index.js';
import { PARTITIONS, runTopics } from './run-topics.js';

await runProcess('relay', async () => {
  const env = readEnv(relayEnv);
  const store = await openEventStore(env.EVENT_STORE_URL);
  const checkpoints = await openRelayCheckpointStore(env.EVENT_STORE_URL);
  const bus = new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: 'chartline-bench-relay' });
  const relay = await startRelay({
    store,
    bus,
    checkpoints,
    modules: Object.keys(moduleEvents),
    encode: (event) => ({ ...toBusMessage(event), topic: runTopics(moduleOfType(event.type)).topic }),
    topicsOf: (module) => Object.values(runTopics(module)),
    partitions: PARTITIONS,
  });
  relay.done.catch(() => process.exit(1));
  const probes = await startProbeServer({
    port: env.PORT,
    host: env.HOST,
    service: 'relay',
    checks: { 'event-store': () => store.ping(), kafka: () => bus.ping() },
    // Node's process metrics on /metrics, as the production relay has them (the scale soak reads its heap).
    registry: createMetricsRegistry(),
  });
  return {
    async stop() {
      await relay.stop();
      await probes.close();
      await Promise.allSettled([bus.close(), checkpoints.close(), store.close()]);
    },
  };
});
