/**
 * A process manager as a child process for the fault tests — discharge-on-death (default) or
 * `PROCESS_MANAGER=billing.charge-capture`: Kafka (the run's topic and group) → the command
 * pipeline → PostgreSQL (the run's schema). Killed with SIGKILL mid-stream, then started again
 * under the same consumer group. The first module it consumes reads TOPIC; any other module
 * `<TOPIC>.<module>` (so each module has its own topic, as in production).
 */
import { KafkaBus, MasterKey, openPostgresKeyStore, PostgresEventStore } from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { admissionsModule, dischargeOnDeath } from '../../commands/src/admissions/index.js';
import { billingModule, chargeCapture } from '../../commands/src/billing/index.js';
import { commandModules } from '../../commands/src/main/modules.js';
import { startProcessManager } from '../../commands/src/process-manager/runtime.js';
import { blindIndexer } from '../../commands/src/server/blind-index.js';
import { eventRegistry } from '../../commands/src/server/event-registry.js';
import { optional, report, required } from './child-env.js';

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
const billing = optional('PROCESS_MANAGER') === 'billing.charge-capture';
const processManager = billing ? chargeCapture : dischargeOnDeath;
const firstModule = processManager.consumes[0]!.split('.')[0];
const runtime = await startProcessManager({
  bus,
  processManager,
  module: billing ? billingModule : admissionsModule,
  commands: {
    eventStore: store,
    keyStore: keys,
    events: eventRegistry(commandModules),
    clock: () => new Date(),
    newId: uuidv7,
    blindIndex: blindIndexer('fault-test'),
  },
  names: {
    topicOf: (module) => (module === firstModule ? required('TOPIC') : `${required('TOPIC')}.${module}`),
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
