import type { Registry } from 'prom-client';
import { counterOn, gaugeOn } from '../telemetry/metrics.js';

export type LagSource = { lag(): Promise<readonly { topic: string; partition: number; lag: number }[]> };

export interface ConsumerMetrics {
  /** One message parked on the consumer's dead-letter topic. */
  onParked(): void;
  /** The running consumer, asked for its lag per partition at each scrape. */
  watch(source: LagSource): void;
}

/**
 * The metrics every consumer has, whatever it does with a batch:
 * `chartline_consumer_lag{group,topic,partition}` (asked of the running consumer at scrape time;
 * empty until it has joined its group) and `chartline_dlq_messages_total{module}`, where `module`
 * names the dead-letter topic (`<module>` for a projector, `<module>.<name>` for a process manager),
 * so the DLQ alert names `chartline.<module>.dlq` either way.
 */
export function consumerMetrics(
  registry: Registry,
  labels: { readonly dlqModule: string; readonly group: string },
): ConsumerMetrics {
  let source: LagSource | undefined;
  gaugeOn(registry, {
    name: 'chartline_consumer_lag',
    help: "Messages behind the partition's end, per consumer group and partition",
    labelNames: ['group', 'topic', 'partition'] as const,
    async collect() {
      if (!source) return;
      try {
        const lags = await source.lag();
        // Partitions move between pods on a rebalance: a series for one this pod lost would lie.
        this.reset();
        for (const { topic, partition, lag } of lags)
          this.set({ group: labels.group, topic, partition: String(partition) }, lag);
      } catch {
        // Kafka is away: keep the last values; readiness reports Kafka itself.
      }
    },
  });
  const parked = counterOn(registry, {
    name: 'chartline_dlq_messages_total',
    help: 'Messages parked on chartline.<module>.dlq',
    labelNames: ['module'] as const,
  });
  parked.inc({ module: labels.dlqModule }, 0);
  return {
    onParked() {
      parked.inc({ module: labels.dlqModule });
    },
    watch(s) {
      source = s;
    },
  };
}
