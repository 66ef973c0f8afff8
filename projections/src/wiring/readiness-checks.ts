import type { Cache, EventBus, KeyStore, ReadStore } from '@chartline/infra';
import type { ReadinessChecks } from '@chartline/infra/telemetry';

/**
 * What a projector's /readyz asks. All four block: without any of them the projector stops
 * projecting, since each failure is transient to the runtime (`isTransient`) and the batch is
 * retried until the dependency returns. That differs from the read API, which answers from
 * MongoDB with Redis down: the projector must bump the cache generation of each view it writes,
 * or cached answers from before the write would be served, so its batch waits for Redis. The key
 * store holds the keys that decrypt personal fields, which both projected modules (patients,
 * admissions) carry.
 */
export function projectorReadinessChecks(deps: {
  readonly bus: Pick<EventBus, 'ping'>;
  readonly readStore: Pick<ReadStore, 'ping'>;
  readonly keys: Pick<KeyStore, 'ping'>;
  readonly cache: Pick<Cache, 'ping'>;
}): ReadinessChecks {
  return {
    kafka: () => deps.bus.ping(),
    'read-store': () => deps.readStore.ping(),
    'key-store': () => deps.keys.ping(),
    cache: () => deps.cache.ping(),
  };
}
