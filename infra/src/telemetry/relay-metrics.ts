import type { Registry } from 'prom-client';
import { counterOn, gaugeOn } from './metrics.js';

export interface RelayMetrics {
  /** Pass as the relay's `onBatch`. */
  onBatch(events: number, checkpoint: number): void;
  /** Pass as (or call from) the relay's `onPublishError`. */
  onPublishError(error: unknown, attempt: number): void;
  /** The running relay, asked for its lag at each scrape. */
  watch(relay: { lagPositions(): Promise<number> }): void;
}

/**
 * `chartline_relay_lag_positions` (refreshed on scrape from the relay), and
 * `chartline_relay_last_publish_timestamp_seconds`, which starts at the process start: a relay
 * that never manages to publish must still trip the stalled alert, which an absent series would not.
 */
export function relayMetrics(registry: Registry, now: () => number = Date.now): RelayMetrics {
  let relay: { lagPositions(): Promise<number> } | undefined;
  gaugeOn(registry, {
    name: 'chartline_relay_lag_positions',
    help: 'Event-store positions the relay has not yet published (head − checkpoint)',
    async collect() {
      if (!relay) return;
      try {
        this.set(await relay.lagPositions());
      } catch {
        // The store is away: keep the last value; /readyz and its alert report the store itself.
      }
    },
  });
  const lastPublish = gaugeOn(registry, {
    name: 'chartline_relay_last_publish_timestamp_seconds',
    help: "Unix time of the relay's last acknowledged publish (the process start before the first)",
  });
  lastPublish.set(now() / 1000);
  const published = counterOn(registry, {
    name: 'chartline_relay_published_events_total',
    help: 'Events published and acknowledged by the bus',
  });
  const failures = counterOn(registry, {
    name: 'chartline_relay_publish_failures_total',
    help: 'Publish attempts the bus refused (each is retried)',
  });
  return {
    onBatch(events) {
      published.inc(events);
      lastPublish.set(now() / 1000);
    },
    onPublishError() {
      failures.inc();
    },
    watch(r) {
      relay = r;
    },
  };
}
