import {
  KafkaBus,
  type KafkaBusConfig,
  MasterKey,
  openEventStore,
  openKeyStore,
  type ProcessManagerEnv,
  runConsumerProcess,
  uuidv7,
} from '@chartline/infra';
import {
  createLogger,
  createMetricsRegistry,
  instrumentBus,
  instrumentEventStore,
  processManagerMetrics,
} from '@chartline/infra/telemetry';
import { blindIndexer } from '../server/blind-index.js';
import type { CommandModule } from '../server/command-module.js';
import { eventRegistry } from '../server/event-registry.js';
import type { ProcessManager } from './define.js';
import { processManagerGroup, processManagerId } from './names.js';
import { type ProcessManagerRuntime, type ProcessManagerRuntimeDeps, startProcessManager } from './runtime.js';

export interface ProcessManagerProcessOptions {
  /** Its module as the command API serves it. */
  readonly module: CommandModule;
  /** Every module the command API serves: the streams it reads may hold any of their events. */
  readonly allModules: readonly CommandModule[];
  /** A run's own topics and group (a test on a shared Kafka); absent: production's. */
  readonly names?: ProcessManagerRuntimeDeps['names'];
  readonly partitions?: number;
  readonly kafka?: Pick<KafkaBusConfig, 'sessionTimeoutMs' | 'heartbeatIntervalMs'>;
}

/**
 * One process manager as a process: event store, key store and Kafka opened from its env, the
 * command pipeline the command API uses, counted, logged (ids and codes only, never PHI) and
 * probed (/healthz, /readyz, /metrics on PORT). Its lifecycle (probes first, dependencies opened
 * and the group joined with backoff whatever is down at start, SIGTERM) is every consumer's:
 * `runConsumerProcess` (infra/src/consumer/).
 */
export async function runProcessManagerProcess(
  pm: ProcessManager,
  env: ProcessManagerEnv,
  options: ProcessManagerProcessOptions,
): Promise<{ stop(): Promise<void> }> {
  const id = processManagerId(pm);
  const service = `process-manager-${pm.module}-${pm.name}`;
  const log = createLogger({ service, level: env.LOG_LEVEL });
  const metrics = createMetricsRegistry();
  const group = options.names?.groupId ?? processManagerGroup(pm);
  const observed = processManagerMetrics(metrics, { processManager: id, group });
  const running = await runConsumerProcess({
    kind: 'process manager',
    service,
    port: env.PORT,
    host: env.HOST,
    log,
    registry: metrics,
    stallAfterMs: env.CONSUMER_STALL_SECONDS * 1000,
    fields: { processManager: id, group },
    consumingFields: (runtime: ProcessManagerRuntime) => ({ topics: runtime.topics }),
    // Without any of them no event can be acted on (each failure is retried until it returns).
    dependencies: {
      bus: {
        check: 'kafka',
        open: () =>
          instrumentBus(
            new KafkaBus({
              brokers: env.KAFKA_BROKERS,
              clientId: `chartline-${service}`,
              logger: log,
              ...options.kafka,
            }),
          ),
      },
      eventStore: {
        check: 'event-store',
        open: async () => instrumentEventStore(await openEventStore(env.EVENT_STORE_URL), metrics),
      },
      keyStore: {
        check: 'key-store',
        open: () => openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY)),
      },
    },
    start: async ({ bus, eventStore, keyStore }, signal) => {
      const runtime = await startProcessManager({
        signal,
        bus,
        processManager: pm,
        module: options.module,
        commands: {
          eventStore,
          keyStore,
          events: eventRegistry(options.allModules),
          clock: () => new Date(),
          newId: uuidv7,
          blindIndex: blindIndexer(Buffer.from(env.BLIND_INDEX_KEY, 'base64')),
        },
        ...(options.names && { names: options.names }),
        ...(options.partitions !== undefined && { partitions: options.partitions }),
        onEvent: (event, results) => {
          observed.onEvent(results);
          log.info(
            {
              eventId: event.eventId,
              type: event.type,
              hospitalId: event.hospitalId,
              commands: results.map((r) => ({ command: r.command, commandId: r.commandId, outcome: r.outcome })),
            },
            'event acted on',
          );
        },
        onParked: (reason, message) => {
          observed.onParked();
          log.error(
            {
              reason,
              topic: message.topic,
              partition: message.partition,
              offset: message.offset,
              eventId: message.headers['eventId'],
            },
            'event parked on the dead-letter topic',
          );
        },
        onRetry: (error, attempt, transient) =>
          log.warn(
            { attempt, transient, errorName: error instanceof Error ? error.name : 'unknown', err: error },
            'retrying',
          ),
        onBatch: (messages, millis) => {
          observed.onBatch(messages, millis);
          log.debug({ messages, millis }, 'batch done');
        },
      });
      observed.watch(runtime);
      return runtime;
    },
  });
  return { stop: () => running.stop() };
}
