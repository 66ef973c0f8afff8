/** The patients module's public entry on the projection side. */
export { patientsProjection } from './projection.js';
export { PATIENT_SEARCH, PATIENT_SUMMARY, patientDocId, patientViews } from './views.js';
