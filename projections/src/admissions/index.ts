/** The admissions module's public entry on the projection side. */
export { admissionsProjection } from './projection.js';
export { admissionDocId, admissionViews, BED_BOARD, STAYS, WARDS } from './views.js';
