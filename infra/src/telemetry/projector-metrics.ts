import type { Registry } from 'prom-client';
import { counterOn, gaugeOn, histogramOn } from './metrics.js';

type LagSource = { lag(): Promise<readonly { topic: string; partition: number; lag: number }[]> };

export interface ProjectorMetrics {
  /** Pass as the projector's `onBatch` (events in the batch, milliseconds it took). */
  onBatch(events: number, millis: number): void;
  /** Pass as (or call from) the projector's `onParked`. */
  onParked(): void;
  /** The running consumer, asked for its lag per partition at each scrape. */
  watch(source: LagSource): void;
}

/**
 * A projector's metrics: `chartline_consumer_lag{group,topic,partition}` (from the consumer at
 * scrape time), `chartline_dlq_messages_total{module}`, and per batch
 * `chartline_projection_batch_duration_seconds{module}` and `chartline_projection_batch_size{module}`.
 */
export function projectorMetrics(
  registry: Registry,
  labels: { readonly module: string; readonly group: string },
): ProjectorMetrics {
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
  parked.inc({ module: labels.module }, 0);
  const duration = histogramOn(registry, {
    name: 'chartline_projection_batch_duration_seconds',
    help: 'Time to apply one consumed batch: decode, handlers, positions, cache bumps',
    labelNames: ['module'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  const size = histogramOn(registry, {
    name: 'chartline_projection_batch_size',
    help: 'Messages per consumed batch',
    labelNames: ['module'] as const,
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
  });
  return {
    onBatch(events, millis) {
      duration.observe({ module: labels.module }, millis / 1000);
      size.observe({ module: labels.module }, events);
    },
    onParked() {
      parked.inc({ module: labels.module });
    },
    watch(s) {
      source = s;
    },
  };
}
