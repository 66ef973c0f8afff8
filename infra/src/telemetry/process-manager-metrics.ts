import type { Registry } from 'prom-client';
import { consumerMetrics, type LagSource } from '../consumer/consumer-metrics.js';
import { counterOn, histogramOn } from './metrics.js';

export interface ProcessManagerMetrics {
  /** One consumed event acted on, and what became of each command it decided. */
  onEvent(commands: readonly { readonly command: string; readonly outcome: 'sent' | 'duplicate' }[]): void;
  onParked(): void;
  onBatch(messages: number, millis: number): void;
  /** The running consumer, asked for its lag per partition at each scrape. */
  watch(source: LagSource): void;
}

/**
 * A process manager's metrics, labelled `process_manager="<module>.<name>"`:
 * `chartline_process_manager_events_total` (events acted on),
 * `chartline_process_manager_commands_total{command,outcome}` (outcome `sent`, or `duplicate` when a
 * redelivered or replayed event's command had already taken effect),
 * `chartline_process_manager_batch_duration_seconds`; and the ones every consumer has:
 * `chartline_consumer_lag{group,topic,partition}` and `chartline_dlq_messages_total{module}` with
 * module = `<module>.<name>`, so the DLQ alert names `chartline.<module>.<name>.dlq`.
 */
export function processManagerMetrics(
  registry: Registry,
  labels: { readonly processManager: string; readonly group: string },
): ProcessManagerMetrics {
  const pm = labels.processManager;
  const consumer = consumerMetrics(registry, { dlqModule: pm, group: labels.group });
  const events = counterOn(registry, {
    name: 'chartline_process_manager_events_total',
    help: 'Consumed events a process manager acted on (whether or not they led to commands)',
    labelNames: ['process_manager'] as const,
  });
  events.inc({ process_manager: pm }, 0);
  const commands = counterOn(registry, {
    name: 'chartline_process_manager_commands_total',
    help: 'Commands a process manager decided: sent now, or duplicate (had already taken effect)',
    labelNames: ['process_manager', 'command', 'outcome'] as const,
  });
  const duration = histogramOn(registry, {
    name: 'chartline_process_manager_batch_duration_seconds',
    help: 'Time to act on one consumed batch: decode, load, react, commands',
    labelNames: ['process_manager'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  return {
    onEvent(results) {
      events.inc({ process_manager: pm });
      for (const r of results) commands.inc({ process_manager: pm, command: r.command, outcome: r.outcome });
    },
    onParked: consumer.onParked,
    onBatch(_messages, millis) {
      duration.observe({ process_manager: pm }, millis / 1000);
    },
    watch: consumer.watch,
  };
}
