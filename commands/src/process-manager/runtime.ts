import { decodeFromKafka, EventCatalogueError, moduleOfType, topicFor } from '@chartline/events';
import {
  type Backoff,
  type ConsumedBatch,
  type ConsumedMessage,
  type Consumer,
  type ConsumerProgress,
  deadLetter,
  type EventBus,
  isTransient,
  reasonOf,
  retryLoop,
  startConsuming,
} from '@chartline/infra';
import type { CommandModule } from '../server/command-module.js';
import type { CommandDeps } from '../server/execute-command.js';
import { actOn, CommandRefused, type CommandResult, ConcurrentChange, InvalidProcessCommand } from './act.js';
import type { ProcessManager, TriggeringEvent } from './define.js';
import { processManagerDlqTopic, processManagerGroup } from './names.js';

export interface ProcessManagerRuntimeDeps {
  readonly bus: EventBus;
  readonly processManager: ProcessManager;
  /** Its module as the command API serves it: the specs its commands must belong to, its events. */
  readonly module: CommandModule;
  /** The command pipeline's stores and registry, as the command API has them. */
  readonly commands: CommandDeps;
  /** Other topic names than production's (a test's or a bench run's own, on a shared Kafka). */
  readonly names?: {
    readonly topicOf: (module: string) => string;
    readonly dlqTopic: string;
    readonly groupId: string;
  };
  /** Partitions of the topics if this consumer is the first to need them (the relay makes them too). */
  readonly partitions?: number;
  /** How often a failure that is not transient is tried before the event is parked. */
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  readonly onEvent?: (event: TriggeringEvent, results: readonly CommandResult[]) => void;
  readonly onParked?: (reason: string, message: ConsumedMessage) => void;
  readonly onRetry?: (error: unknown, attempt: number, transient: boolean) => void;
  readonly onBatch?: (messages: number, millis: number) => void;
  /** Aborts a start still waiting for its topics or Kafka (the process is stopping). */
  readonly signal?: AbortSignal;
}

export interface ProcessManagerStats {
  readonly batches: number;
  /** Events of the types it consumes that it reacted to (whether or not they led to commands). */
  readonly handled: number;
  /** Messages of other types on its topics, skipped. */
  readonly ignored: number;
  readonly sent: number;
  readonly duplicates: number;
  readonly parked: number;
  readonly retries: number;
}

export interface ProcessManagerRuntime {
  /** Finishes (or abandons, if it is stuck retrying) the batch in hand, commits, leaves the group. */
  stop(): Promise<void>;
  lag(): Promise<readonly { topic: string; partition: number; lag: number }[]>;
  /** In its group, and when it last committed: /readyz tells a stalled process manager by it. */
  progress(): ConsumerProgress;
  stats(): ProcessManagerStats;
  /** The topics it consumes. */
  readonly topics: readonly string[];
}

/** Failures whose message is ours and PHI-free: the parked reason may quote it. */
const ownError = (error: unknown) =>
  error instanceof EventCatalogueError ||
  error instanceof CommandRefused ||
  error instanceof InvalidProcessCommand ||
  error instanceof ConcurrentChange;

/**
 * Runs one process manager: a consumer group of its own on the topics of the modules whose events
 * it consumes; per partition, the batch's hospitals side by side and each hospital's events in
 * order; each event acted on through the command pipeline (`actOn`); offsets committed by the bus
 * only once every event of the batch has acted or been parked. After a crash the uncommitted
 * events are delivered again, and their commands, once-only by derived id, write nothing twice.
 *
 * A server that is away is waited for, never parked. An event whose commands the rules keep
 * refusing, or that fails otherwise `maxAttempts` times, is parked on the process manager's DLQ
 * with the reason, and its partition moves on.
 */
export async function startProcessManager(deps: ProcessManagerRuntimeDeps): Promise<ProcessManagerRuntime> {
  const pm = deps.processManager;
  const consumed = new Set<string>(pm.consumes);
  const modules = [...new Set(pm.consumes.map(moduleOfType))];
  const topicOf = deps.names?.topicOf ?? topicFor;
  const topics = modules.map(topicOf);
  const dlqTopic = deps.names?.dlqTopic ?? processManagerDlqTopic(pm);
  const maxAttempts = deps.maxAttempts ?? 5;
  const stats = { batches: 0, handled: 0, ignored: 0, sent: 0, duplicates: 0, parked: 0 };
  const loop = retryLoop({
    ...(deps.backoff && { backoff: deps.backoff }),
    ...(deps.signal && { signal: deps.signal }),
    ...(deps.onRetry && { onRetry: deps.onRetry }),
  });

  async function park(message: ConsumedMessage, error: unknown, attempts: number): Promise<void> {
    const reason = reasonOf(error, ownError(error));
    await loop.untilDone(() => deps.bus.publish(dlqTopic, [deadLetter(message, reason, attempts)]));
    stats.parked++;
    deps.onParked?.(reason, message);
  }

  async function act(event: TriggeringEvent, message: ConsumedMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await actOn(pm, deps.module, event, deps.commands);
        stats.handled++;
        for (const r of results) {
          if (r.outcome === 'sent') stats.sent++;
          else stats.duplicates++;
        }
        deps.onEvent?.(event, results);
        return;
      } catch (error) {
        loop.throwIfStopping(error);
        const transient = isTransient(error) || error instanceof ConcurrentChange;
        // A refusal that survived re-reading the world will not change by trying again now.
        if (error instanceof CommandRefused || (!transient && attempt >= maxAttempts)) {
          await park(message, error, attempt);
          return;
        }
        await loop.backOff(error, attempt, transient);
      }
    }
  }

  async function handleBatch(batch: ConsumedBatch): Promise<void> {
    const started = Date.now();
    const byHospital = new Map<string, { event: TriggeringEvent; message: ConsumedMessage }[]>();
    for (const message of batch.messages) {
      const type = message.headers['type'];
      if (type !== undefined && !consumed.has(type)) {
        stats.ignored++;
        continue;
      }
      let event: TriggeringEvent;
      try {
        const decoded = decodeFromKafka(message.value);
        event = { ...decoded.envelope, data: decoded.data } as TriggeringEvent;
      } catch (error) {
        await park(message, error, 1);
        continue;
      }
      if (!consumed.has(event.type)) {
        stats.ignored++;
        continue;
      }
      const list = byHospital.get(event.hospitalId) ?? [];
      list.push({ event, message });
      byHospital.set(event.hospitalId, list);
    }
    await Promise.all(
      [...byHospital.values()].map(async (items) => {
        for (const { event, message } of items) await act(event, message);
      }),
    );
    stats.batches++;
    deps.onBatch?.(batch.messages.length, Date.now() - started);
  }

  const consumer: Consumer = await startConsuming(loop, {
    bus: deps.bus,
    groupId: deps.names?.groupId ?? processManagerGroup(pm),
    topics,
    dlqTopic,
    ...(deps.partitions !== undefined && { partitions: deps.partitions }),
    handleBatch,
  });

  return {
    topics,
    async stop() {
      loop.stop();
      await consumer.stop();
    },
    lag: () => consumer.lag(),
    progress: () => consumer.progress(),
    stats: () => ({ ...stats, retries: loop.retries }),
  };
}
