import { HospitalMoveCompleted } from './hospital-move-completed.js';
import { HospitalMoveStarted } from './hospital-move-started.js';
import { HospitalPlaced } from './hospital-placed.js';
import { HospitalReactivated } from './hospital-reactivated.js';
import { HospitalRegistered } from './hospital-registered.js';
import { HospitalSettingsChanged } from './hospital-settings-changed.js';
import { HospitalSuspended } from './hospital-suspended.js';

export {
  HospitalMoveCompleted,
  HospitalMoveStarted,
  HospitalPlaced,
  HospitalReactivated,
  HospitalRegistered,
  HospitalSettingsChanged,
  HospitalSuspended,
};

/** The hospitals module's event definitions. */
export const hospitalsEvents = [
  HospitalRegistered,
  HospitalSettingsChanged,
  HospitalSuspended,
  HospitalReactivated,
  // Placement of hospitals on Kafka partitions (stream placement-platform.kafka).
  HospitalPlaced,
  HospitalMoveStarted,
  HospitalMoveCompleted,
] as const;
