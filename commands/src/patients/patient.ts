import type { Aggregate } from '../shared/command-spec.js';
import type { PatientStayEvent, PatientsEvent } from './events.js';

export type DuplicateFlag = 'open' | 'confirmed' | 'dismissed';

/**
 * What the write side needs to know of a patient. Personal fields are deliberately absent: on
 * the stream they are ciphertext, and no rule may depend on them.
 */
export interface PatientState {
  readonly registered: boolean;
  readonly mrn: string | null;
  /** The survivor, once this record was merged away (voided). */
  readonly mergedInto: string | null;
  readonly deceased: boolean;
  readonly personalDataErased: boolean;
  /** Stays opened and not yet closed (written here by the admissions module). */
  readonly activeStayIds: readonly string[];
  /** Possible-duplicate flags by candidate patient id. */
  readonly duplicateFlags: Readonly<Record<string, DuplicateFlag>>;
}

export type PatientStreamEvent = PatientsEvent | PatientStayEvent;

const initialState: PatientState = {
  registered: false,
  mrn: null,
  mergedInto: null,
  deceased: false,
  personalDataErased: false,
  activeStayIds: [],
  duplicateFlags: {},
};

function evolve(state: PatientState, event: PatientStreamEvent): PatientState {
  switch (event.type) {
    case 'PatientRegistered':
      return { ...state, registered: true, mrn: event.data.mrn };
    case 'PossibleDuplicateFlagged':
      return { ...state, duplicateFlags: { ...state.duplicateFlags, [event.data.candidatePatientId]: 'open' } };
    case 'PossibleDuplicateConfirmed':
      return { ...state, duplicateFlags: { ...state.duplicateFlags, [event.data.candidatePatientId]: 'confirmed' } };
    case 'PossibleDuplicateDismissed':
      return { ...state, duplicateFlags: { ...state.duplicateFlags, [event.data.candidatePatientId]: 'dismissed' } };
    case 'PatientMergedInto':
      return { ...state, mergedInto: event.data.survivorPatientId };
    case 'PatientDeathRecorded':
      return { ...state, deceased: true };
    case 'PatientPersonalDataErased':
      return { ...state, personalDataErased: true };
    case 'StayOpened':
      return { ...state, activeStayIds: [...state.activeStayIds, event.data.stayId] };
    case 'StayClosed':
      return { ...state, activeStayIds: state.activeStayIds.filter((id) => id !== event.data.stayId) };
    default:
      return state;
  }
}

/** The patient stream: `patient-<hospitalId>.<patientId>`. */
export const patientAggregate: Aggregate<PatientState, PatientStreamEvent> = { name: 'patient', initialState, evolve };
