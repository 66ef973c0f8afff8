import { moduleEvents, upcast } from '@chartline/events';
import {
  type EventStore,
  type HospitalStatusSource,
  StreamNotFound,
  type TtlLookup,
  ttlLookup,
} from '@chartline/infra';
import {
  type HospitalSettingsPort,
  type HospitalState,
  type HospitalStatus,
  hospitalAggregate,
  hospitalStreamId,
  settingsInForce,
} from '../hospitals/index.js';

/** The hospitals as one process sees them: folded from each hospital's stream, cached briefly. */
export interface HospitalDirectory extends HospitalSettingsPort, HospitalStatusSource {
  status(hospitalId: string): Promise<HospitalStatus>;
  /** After an append: forget a hospital whose own stream was just written by this process. */
  written(hospitalId: string, streamIds: readonly string[]): void;
}

export interface HospitalDirectoryOptions {
  /** How long a hospital's state is reused before its stream is read again. Default 5000 ms. */
  readonly ttlMs?: number;
  /** How many hospitals are kept. Default 10000 (a few KB each). */
  readonly max?: number;
  /** How long "not registered" is reused: short, as a registration elsewhere may follow. Default 1000 ms. */
  readonly unregisteredTtlMs?: number;
}

const definitions = new Map(moduleEvents.hospitals.map((d) => [d.type as string, d]));

/** Reads and folds one hospital's stream (a handful of events: registration, settings, suspensions). */
export async function loadHospital(eventStore: EventStore, hospitalId: string): Promise<HospitalState> {
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
  return state;
}

/**
 * Every request of both APIs asks for its hospital's status and settings-dependent commands for
 * its settings, so the folded stream is cached in process (`ttlMs`, bounded to `max` hospitals)
 * instead of read each time. Staleness: a change made through another replica is seen here within
 * `ttlMs` (a registration within `unregisteredTtlMs`); a change this process appended is seen at
 * once (`written`).
 */
export function hospitalDirectory(eventStore: EventStore, options: HospitalDirectoryOptions = {}): HospitalDirectory {
  const hospitals: TtlLookup<HospitalState> = ttlLookup((id) => loadHospital(eventStore, id), {
    ttlMs: options.ttlMs ?? 5_000,
    max: options.max ?? 10_000,
    ttlFor: (state) =>
      state.status === 'unregistered' ? (options.unregisteredTtlMs ?? 1_000) : (options.ttlMs ?? 5_000),
  });
  return {
    async settingsInForce(hospitalId, at) {
      return settingsInForce(await hospitals.get(hospitalId), at);
    },
    async status(hospitalId) {
      return (await hospitals.get(hospitalId)).status;
    },
    written(hospitalId, streamIds) {
      if (streamIds.includes(hospitalStreamId(hospitalId))) hospitals.forget(hospitalId);
    },
  };
}
