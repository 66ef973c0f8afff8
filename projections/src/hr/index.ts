/** The hr module's public entry on the projection side. */
export { hrProjection } from './projection.js';
export { HR_LEAVE, HR_LICENCES, HR_SHIFT_TYPES, HR_SHIFTS, HR_STAFF, HR_SWAPS, hrViews } from './views.js';
