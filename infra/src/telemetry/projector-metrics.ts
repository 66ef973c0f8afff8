import type { Registry } from 'prom-client';
import { consumerMetrics, type LagSource } from '../consumer/consumer-metrics.js';
import { histogramOn } from './metrics.js';

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
  const consumer = consumerMetrics(registry, { dlqModule: labels.module, group: labels.group });
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
    onParked: consumer.onParked,
    watch: consumer.watch,
  };
}
