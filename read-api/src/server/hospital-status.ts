import { hospitalAggregate, hospitalStreamId } from '@chartline/commands';
import { moduleEvents, upcast } from '@chartline/events';
import { type EventStore, type HospitalStatusSource, StreamNotFound, ttlLookup } from '@chartline/infra';

const definitions = new Map(moduleEvents.hospitals.map((d) => [d.type as string, d]));

export interface HospitalStatusOptions {
  /** How long a status is reused. Default 5000 ms. */
  readonly ttlMs?: number;
  /** How long "not registered" is reused (a registration may follow at once). Default 1000 ms. */
  readonly unregisteredTtlMs?: number;
  /** Hospitals kept. Default 10000. */
  readonly max?: number;
}

/**
 * The read API's view of which hospitals the platform serves, folded from each hospital's own
 * stream in the event store (the authority: the hospitals read model lags behind it) with the
 * hospitals module's evolve, and cached in process so a read costs no store round trip. A
 * suspension or registration is seen here within the TTL (docs/operations.md).
 */
export function hospitalStatusFromEventStore(
  eventStore: EventStore,
  options: HospitalStatusOptions = {},
): HospitalStatusSource {
  const ttlMs = options.ttlMs ?? 5_000;
  const statuses = ttlLookup(
    async (hospitalId) => {
      let state = hospitalAggregate.initialState;
      try {
        for (const record of await eventStore.readStream(hospitalStreamId(hospitalId))) {
          const definition = definitions.get(record.type);
          if (!definition) continue;
          const version = Number(record.metadata['schemaVersion'] ?? definition.currentVersion);
          const data = upcast(definition, version, { ...record.data });
          state = hospitalAggregate.evolve(state, { type: definition.name, data } as never);
        }
      } catch (error) {
        if (!(error instanceof StreamNotFound)) throw error;
      }
      return { status: state.status };
    },
    {
      ttlMs,
      max: options.max ?? 10_000,
      ttlFor: ({ status }) => (status === 'unregistered' ? (options.unregisteredTtlMs ?? 1_000) : ttlMs),
    },
  );
  return { status: async (hospitalId) => (await statuses.get(hospitalId)).status };
}
