import {
  KafkaBus,
  type KafkaBusConfig,
  MasterKey,
  openEventStore,
  openKeyStore,
  type ProcessManagerEnv,
  startProbeServer,
} from '@chartline/infra';
import {
  createLogger,
  createMetricsRegistry,
  instrumentBus,
  instrumentEventStore,
  processManagerMetrics,
} from '@chartline/infra/telemetry';
import { v7 as uuidv7 } from 'uuid';
import { blindIndexer } from '../server/blind-index.js';
import type { CommandModule } from '../server/command-module.js';
import { eventRegistry } from '../server/event-registry.js';
import type { ProcessManager } from './define.js';
import { processManagerGroup, processManagerId } from './names.js';
import { type ProcessManagerRuntimeDeps, startProcessManager } from './runtime.js';

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
 * probed (/healthz, /readyz, /metrics on PORT).
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
  const eventStore = instrumentEventStore(await openEventStore(env.EVENT_STORE_URL), metrics);
  const keyStore = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  const bus = instrumentBus(
    new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: `chartline-${service}`, logger: log, ...options.kafka }),
  );
  const group = options.names?.groupId ?? processManagerGroup(pm);
  const observed = processManagerMetrics(metrics, { processManager: id, group });
  // Probes first: while its topics or Kafka are still missing (Kubernetes starts pods in any order)
  // the process stays up and /readyz says which; it starts consuming once they are there.
  const stopping = new AbortController();
  let runtime: Awaited<ReturnType<typeof startProcessManager>> | undefined;
  const probes = await startProbeServer({
    port: env.PORT,
    host: env.HOST,
    service,
    // Without any of them no event can be acted on (each failure is retried until it returns).
    checks: {
      kafka: () => bus.ping(),
      'event-store': () => eventStore.ping(),
      'key-store': () => keyStore.ping(),
      consumer: async () => runtime !== undefined,
    },
    registry: metrics,
  });
  const starting = startProcessManager({
    signal: stopping.signal,
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
      log.warn({ attempt, transient, errorName: error instanceof Error ? error.name : 'unknown' }, 'retrying'),
    onBatch: (messages, millis) => {
      observed.onBatch(messages, millis);
      log.debug({ messages, millis }, 'batch done');
    },
  }).then(
    (started) => {
      runtime = started;
      observed.watch(started);
      log.info({ processManager: id, topics: started.topics, group }, 'process manager consuming');
    },
    (error: unknown) => {
      if (stopping.signal.aborted) return;
      // Not transient (a bug, not a server away): exit 1 as a failed start does, so it is restarted and seen.
      log.error({ errorName: error instanceof Error ? error.name : 'unknown' }, 'process manager cannot start');
      process.exit(1);
    },
  );
  log.info({ port: probes.port, processManager: id, group }, 'process manager running');
  return {
    async stop() {
      stopping.abort();
      await starting;
      await runtime?.stop();
      await probes.close();
      await Promise.allSettled([bus.close(), keyStore.close(), eventStore.close()]);
    },
  };
}
