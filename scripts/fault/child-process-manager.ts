/**
 * A process manager as a child process for the fault tests — PROCESS_MANAGER by the manifest's
 * name (default admissions.discharge-on-death): Kafka (the run's topics and group) → the command
 * pipeline → PostgreSQL (the run's schema). Killed with SIGKILL mid-stream, then started again
 * under the same consumer group. Each module it consumes has its own topic, as in production,
 * under the run's TOPIC_PREFIX (process-manager-run.ts starts it).
 */
import { KafkaBus, MasterKey, openPostgresKeyStore, PostgresEventStore } from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { commandModules } from '../../commands/src/main/modules.js';
import { isProcessManagerName, processManagers } from '../../commands/src/main/process-managers.js';
import { startProcessManager } from '../../commands/src/process-manager/runtime.js';
import { blindIndexer } from '../../commands/src/server/blind-index.js';
import { eventRegistry } from '../../commands/src/server/event-registry.js';
import { optional, report, required, runTopics } from './child-env.js';

const url = required('EVENT_STORE_URL');
const store = await PostgresEventStore.open({ url, schema: required('EVENT_STORE_SCHEMA'), poolSize: 4 });
const keys = await openPostgresKeyStore(required('KEY_STORE_URL'), MasterKey.parse(required('MASTER_KEY')));
// A short session: the member killed with SIGKILL leaves the group after seconds, not 30 s.
const bus = new KafkaBus({
  brokers: required('KAFKA_BROKERS'),
  clientId: 'fault-process-manager',
  sessionTimeoutMs: Number(optional('SESSION_TIMEOUT_MS') ?? 10_000),
  heartbeatIntervalMs: 500,
});
const name = optional('PROCESS_MANAGER') ?? 'admissions.discharge-on-death';
if (!isProcessManagerName(name)) {
  console.error(`PROCESS_MANAGER: no such process manager ${name}`);
  process.exit(1);
}
const { processManager, module } = processManagers[name];
const prefix = required('TOPIC_PREFIX');
const runtime = await startProcessManager({
  bus,
  processManager,
  module,
  commands: {
    eventStore: store,
    keyStore: keys,
    events: eventRegistry(commandModules),
    clock: () => new Date(),
    newId: uuidv7,
    blindIndex: blindIndexer('fault-test'),
  },
  names: {
    topicOf: (consumed) => runTopics(prefix, consumed).topic,
    dlqTopic: required('DLQ_TOPIC'),
    groupId: required('GROUP'),
  },
  partitions: Number(optional('PARTITIONS') ?? 3),
  backoff: { initialMs: 20, maxMs: 500 },
  onEvent: (event, results) => report({ event: event.eventId, commands: results.map((r) => r.outcome) }),
  onParked: (reason) => report({ parked: reason }),
  onRetry: (error, attempt, transient) =>
    report({ retry: attempt, transient, error: error instanceof Error ? error.name : 'error' }),
});
report({ ready: 'process-manager' });

process.on('SIGTERM', async () => {
  await runtime.stop();
  await Promise.allSettled([bus.close(), keys.close(), store.close()]);
  process.exit(0);
});
