import { admissionsEvents } from './admissions/index.js';
import { auditEvents } from './audit/index.js';
import { patientsEvents } from './patients/index.js';

/** Every module's events. Adding a module = its schema files, its index, and one line here. */
export const moduleEvents = {
  patients: patientsEvents,
  admissions: admissionsEvents,
  audit: auditEvents,
} as const;
