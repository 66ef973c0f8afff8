import type { Aggregate } from '../shared/command-spec.js';
import type { AdmissionsEvent } from './events.js';

/** FHIR Encounter statuses (hyphens as underscores, as Avro enums require); `absent` = no such stay. */
export type StayStatus = 'absent' | 'planned' | 'in_progress' | 'on_leave' | 'finished' | 'cancelled';

export interface StayState {
  readonly status: StayStatus;
  readonly patientId: string | null;
  readonly wardId: string | null;
  /** The bed the patient occupies (held while on leave). */
  readonly bedId: string | null;
  /** The bed reserved for a planned stay. */
  readonly reservedBedId: string | null;
  readonly dischargePlannedFor: string | null;
}

const initialState: StayState = {
  status: 'absent',
  patientId: null,
  wardId: null,
  bedId: null,
  reservedBedId: null,
  dischargePlannedFor: null,
};

function evolve(state: StayState, event: AdmissionsEvent): StayState {
  switch (event.type) {
    case 'AdmissionRequested':
      return { ...state, status: 'planned', patientId: event.data.patientId, wardId: event.data.wardId };
    case 'BedReservedForStay':
      return { ...state, reservedBedId: event.data.bedId };
    case 'StayReservationReleased':
      return { ...state, reservedBedId: null };
    case 'PatientAdmitted':
      return {
        ...state,
        status: 'in_progress',
        bedId: event.data.bedId,
        wardId: event.data.wardId,
        reservedBedId: null,
      };
    case 'PatientTransferred':
      return { ...state, bedId: event.data.toBedId, wardId: event.data.toWardId };
    case 'LeaveStarted':
      return { ...state, status: 'on_leave' };
    case 'LeaveEnded':
      return { ...state, status: 'in_progress' };
    case 'DischargeScheduled':
      return { ...state, dischargePlannedFor: event.data.plannedFor };
    case 'ScheduledDischargeCancelled':
      return { ...state, dischargePlannedFor: null };
    case 'PatientDischarged':
      return { ...state, status: 'finished', bedId: null, dischargePlannedFor: null };
    case 'AdmissionCancelled':
      return { ...state, status: 'cancelled', reservedBedId: null };
    default:
      return state;
  }
}

/** `stay-<hospitalId>.<stayId>`: one hospital encounter, from the admission request to discharge. */
export const stayAggregate: Aggregate<StayState, AdmissionsEvent> = { name: 'stay', initialState, evolve };
