import { HospitalReactivated } from './hospital-reactivated.js';
import { HospitalRegistered } from './hospital-registered.js';
import { HospitalSettingsChanged } from './hospital-settings-changed.js';
import { HospitalSuspended } from './hospital-suspended.js';

export { HospitalReactivated, HospitalRegistered, HospitalSettingsChanged, HospitalSuspended };

/** The hospitals module's event definitions. */
export const hospitalsEvents = [
  HospitalRegistered,
  HospitalSettingsChanged,
  HospitalSuspended,
  HospitalReactivated,
] as const;
