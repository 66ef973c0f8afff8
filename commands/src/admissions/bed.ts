import type { Aggregate } from '../shared/command-spec.js';
import type { AdmissionsEvent } from './events.js';

export type BedStatus = 'absent' | 'free' | 'reserved' | 'occupied' | 'to_clean' | 'closed';

export interface BedState {
  readonly status: BedStatus;
  readonly wardId: string | null;
  /** The stay that reserved or occupies the bed. */
  readonly stayId: string | null;
  readonly patientId: string | null;
}

const initialState: BedState = { status: 'absent', wardId: null, stayId: null, patientId: null };

function evolve(state: BedState, event: AdmissionsEvent): BedState {
  switch (event.type) {
    case 'BedAdded':
      return { ...state, status: 'free', wardId: event.data.wardId };
    case 'BedClosed':
      return { ...state, status: 'closed' };
    case 'BedReopened':
    case 'BedCleaned':
    case 'BedReservationReleased':
      return { ...state, status: 'free', stayId: null, patientId: null };
    case 'BedReserved':
      return { ...state, status: 'reserved', stayId: event.data.stayId, patientId: event.data.patientId };
    case 'BedOccupied':
    case 'BedOccupantSwapped':
      return { ...state, status: 'occupied', stayId: event.data.stayId, patientId: event.data.patientId };
    case 'BedVacated':
      return { ...state, status: 'to_clean', stayId: null, patientId: null };
    default:
      return state;
  }
}

/**
 * `bed-<hospitalId>.<bedId>`. The bed is its own aggregate so that its revision is the lock: every
 * command that puts a patient in a bed appends to the bed stream at the revision it decided on,
 * hence of two concurrent admissions to one bed exactly one is written.
 */
export const bedAggregate: Aggregate<BedState, AdmissionsEvent> = { name: 'bed', initialState, evolve };
