import type { Aggregate } from '../shared/command-spec.js';
import { RuleViolation } from '../shared/decider.js';
import type { HospitalsEvent } from './decider.js';

/**
 * Where each hospital's events go on Kafka: one platform-wide stream, `placement-platform.kafka`,
 * so that choosing the least-loaded partition sees every hospital, and two registrations at once
 * are serialised by its revision (the loser re-reads and chooses again).
 */
export const PLACEMENT_SCOPE = 'platform';
export const PLACEMENT_ID = 'kafka';

export const PLACEMENT_RULES = {
  'hospital-not-placed':
    'This hospital has no placement (registered before placements existed); its events follow the key hash.',
  'hospital-already-placed': 'This hospital already has a partition; move it instead.',
  'move-in-progress': 'A move of this hospital is in progress; wait for the relay to complete it.',
  'no-move-in-progress': 'No move of this hospital is in progress.',
  'same-partition': 'The hospital is already on that partition.',
  'partition-out-of-range': 'The partition does not exist: pick one from 0 to the topics’ partitions minus one.',
  'move-version-mismatch': 'The move being completed is not the one in progress (an older move’s completion).',
} as const;
export type PlacementRule = keyof typeof PLACEMENT_RULES;

const violate = (rule: PlacementRule): never => {
  throw new RuleViolation(rule, PLACEMENT_RULES[rule]);
};

export interface HospitalPlacement {
  readonly partition: number;
  readonly placementVersion: number;
  /** While a move is in progress: where to, and the version it leads to. */
  readonly moving?: { readonly toPartition: number; readonly placementVersion: number };
}

export interface PlacementState {
  /** Partitions of the topics at the latest placement (the relay checks it against its own). */
  readonly partitions: number;
  readonly hospitals: Readonly<Record<string, HospitalPlacement>>;
}

const initialState: PlacementState = { partitions: 0, hospitals: {} };

export const placementAggregate: Aggregate<PlacementState, HospitalsEvent> = {
  name: 'placement',
  initialState,
  evolve: (state, event) => {
    switch (event.type) {
      case 'HospitalPlaced': {
        const { hospitalId, partition, partitions, placementVersion } = event.data;
        return { partitions, hospitals: { ...state.hospitals, [hospitalId]: { partition, placementVersion } } };
      }
      case 'HospitalMoveStarted': {
        const { hospitalId, toPartition, placementVersion } = event.data;
        const current = state.hospitals[hospitalId];
        if (!current) return state;
        return {
          ...state,
          hospitals: { ...state.hospitals, [hospitalId]: { ...current, moving: { toPartition, placementVersion } } },
        };
      }
      case 'HospitalMoveCompleted': {
        const { hospitalId, toPartition, placementVersion } = event.data;
        return {
          ...state,
          hospitals: { ...state.hospitals, [hospitalId]: { partition: toPartition, placementVersion } },
        };
      }
      default:
        return state;
    }
  },
};

/** Hospitals per partition; a hospital being moved counts where it is going. */
export function partitionLoads(state: PlacementState, partitions: number): number[] {
  const loads = Array.from({ length: partitions }, () => 0);
  for (const h of Object.values(state.hospitals)) {
    const p = h.moving?.toPartition ?? h.partition;
    if (p < partitions) loads[p]!++;
  }
  return loads;
}

/**
 * The least-loaded partition, the lowest number on a tie: every partition gets one hospital before
 * any gets a second, and a second before any a third — so 24 hospitals on 12 partitions are two each.
 */
export function leastLoadedPartition(state: PlacementState, partitions: number): number {
  const loads = partitionLoads(state, partitions);
  return loads.indexOf(Math.min(...loads));
}

export interface PlaceHospital {
  readonly hospitalId: string;
  readonly partitions: number;
  readonly at: string;
}

export function decidePlaceHospital(c: PlaceHospital, state: PlacementState): HospitalsEvent[] {
  if (state.hospitals[c.hospitalId]) violate('hospital-already-placed');
  return [
    {
      type: 'HospitalPlaced',
      data: {
        hospitalId: c.hospitalId,
        partition: leastLoadedPartition(state, c.partitions),
        partitions: c.partitions,
        placementVersion: 1,
        placedAt: c.at,
      },
    },
  ];
}

export interface StartHospitalMove {
  readonly type: 'StartHospitalMove';
  readonly hospitalId: string;
  readonly toPartition: number;
  readonly partitions: number;
  readonly reason: string;
  readonly at: string;
}

export function decideStartMove(c: StartHospitalMove, state: PlacementState): HospitalsEvent[] {
  const current = state.hospitals[c.hospitalId];
  if (!current) return violate('hospital-not-placed');
  if (current.moving) violate('move-in-progress');
  if (c.toPartition >= c.partitions) violate('partition-out-of-range');
  if (c.toPartition === current.partition) violate('same-partition');
  return [
    {
      type: 'HospitalMoveStarted',
      data: {
        hospitalId: c.hospitalId,
        fromPartition: current.partition,
        toPartition: c.toPartition,
        placementVersion: current.placementVersion + 1,
        reason: c.reason,
        startedAt: c.at,
      },
    },
  ];
}

export interface CompleteHospitalMove {
  readonly type: 'CompleteHospitalMove';
  readonly hospitalId: string;
  readonly placementVersion: number;
  readonly at: string;
}

export function decideCompleteMove(c: CompleteHospitalMove, state: PlacementState): HospitalsEvent[] {
  const current = state.hospitals[c.hospitalId];
  if (!current) return violate('hospital-not-placed');
  if (!current.moving) return violate('no-move-in-progress');
  if (current.moving.placementVersion !== c.placementVersion) violate('move-version-mismatch');
  return [
    {
      type: 'HospitalMoveCompleted',
      data: {
        hospitalId: c.hospitalId,
        fromPartition: current.partition,
        toPartition: current.moving.toPartition,
        placementVersion: current.moving.placementVersion,
        completedAt: c.at,
      },
    },
  ];
}
