import type { Aggregate } from '../shared/command-spec.js';
import type { LaboratoryEventNamed } from './events.js';

/** What the laboratory records of a patient itself: whether their personal data was erased here. */
export interface LabPatientState {
  readonly erased: boolean;
}

/**
 * `labPatient-<hospitalId>.<patientId>`: the laboratory's own record that a patient's personal
 * data was erased, so the erasure travels on the laboratory's topic, in order with the lab events
 * whose read models hold the patient's free text.
 */
export const labPatientAggregate: Aggregate<LabPatientState, LaboratoryEventNamed<'LabPatientDataErased'>> = {
  name: 'labPatient',
  initialState: { erased: false },
  evolve: (state, event) => (event.type === 'LabPatientDataErased' ? { erased: true } : state),
};
