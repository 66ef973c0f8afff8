import type { Aggregate } from '../shared/command-spec.js';
import type { PatientStayEvent, PatientsEvent } from './events.js';
import { changedIdentity, type Identity } from './identity-keys.js';

export type DuplicateFlag = 'open' | 'confirmed' | 'dismissed';

/**
 * What the write side needs to know of a patient. No rule may depend on personal fields but two:
 * the birth date, which the death-before-birth rule needs, and `identity`, held so that erasure and
 * demographic changes can find the duplicate-detection keys the patient is filed under. The decider
 * sees streams decrypted (or erased), in memory only; the state forgets both when the personal data
 * is erased.
 */
export interface PatientState {
  readonly registered: boolean;
  /** Name, birth date, sex and national id as last recorded; null once the personal data is erased. */
  readonly identity: Identity | null;
  readonly mrn: string | null;
  /** The survivor, once this record was merged away (voided). */
  readonly mergedInto: string | null;
  readonly deceased: boolean;
  /** YYYY-MM-DD while known; null once erased (or if the stream held no readable date). */
  readonly birthDate: string | null;
  readonly personalDataErased: boolean;
  /** Stays opened and not yet closed (written here by the admissions module). */
  readonly activeStayIds: readonly string[];
  /** Possible-duplicate flags by candidate patient id. */
  readonly duplicateFlags: Readonly<Record<string, DuplicateFlag>>;
}

export type PatientStreamEvent = PatientsEvent | PatientStayEvent;

const initialState: PatientState = {
  registered: false,
  identity: null,
  mrn: null,
  mergedInto: null,
  deceased: false,
  birthDate: null,
  personalDataErased: false,
  activeStayIds: [],
  duplicateFlags: {},
};

/** The date, or null for anything else (an erased field reads as a marker, not a date). */
const calendarDate = (value: unknown): string | null =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;

function evolve(state: PatientState, event: PatientStreamEvent): PatientState {
  switch (event.type) {
    case 'PatientRegistered': {
      const { givenName, familyName, birthDate, sex, nationalId } = event.data;
      return {
        ...state,
        registered: true,
        mrn: event.data.mrn,
        birthDate: calendarDate(birthDate),
        identity: { givenName, familyName, birthDate, sex, nationalId: nationalId ?? null },
      };
    }
    case 'PatientDemographicsUpdated':
      return {
        ...state,
        birthDate: event.data.birthDate ? calendarDate(event.data.birthDate) : state.birthDate,
        identity: state.identity && changedIdentity(state.identity, event.data),
      };
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
      return { ...state, personalDataErased: true, birthDate: null, identity: null };
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
