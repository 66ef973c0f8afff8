/**
 * The relay as a child process for the fault test: PostgreSQL (one schema) → Kafka, checkpoint in
 * a named row of the event store's database. Killed with SIGKILL mid-stream, then started again.
 */
import { postgresCheckpointStore, startRelay, toBusMessage } from '@chartline/commands/relay';
import { moduleOfType } from '@chartline/events';
import { KafkaBus, PostgresEventStore } from '@chartline/infra';
import { modulesFromEnv, optional, report, required, runTopics } from './child-env.js';

const url = required('EVENT_STORE_URL');
const prefix = optional('TOPIC_PREFIX') ?? '';
const store = await PostgresEventStore.open({ url, schema: required('EVENT_STORE_SCHEMA'), pollMs: 200 });
const bus = new KafkaBus({ brokers: required('KAFKA_BROKERS'), clientId: 'fault-relay' });
const checkpoints = await postgresCheckpointStore(url, required('RELAY_CHECKPOINT_NAME'));
const relay = await startRelay({
  store,
  bus,
  checkpoints,
  modules: modulesFromEnv(),
  encode: (event) => ({ ...toBusMessage(event), topic: runTopics(prefix, moduleOfType(event.type)).topic }),
  topicsOf: (module) => Object.values(runTopics(prefix, module)),
  partitions: Number(optional('PARTITIONS') ?? 3),
  batchSize: Number(optional('BATCH_SIZE') ?? 100),
  onBatch: (events, checkpoint) => report({ batch: events, checkpoint }),
});
report({ ready: 'relay', checkpoint: relay.stats().checkpoint });

process.on('SIGTERM', async () => {
  await relay.stop();
  await Promise.allSettled([bus.close(), checkpoints.close(), store.close()]);
  process.exit(0);
});
relay.done.catch((error: unknown) => {
  console.error('relay stopped:', error instanceof Error ? error.name : 'error');
  process.exit(2);
});
