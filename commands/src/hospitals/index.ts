import type { AuditableAggregates } from '../shared/auditable.js';
import { hospitalAggregate } from './decider.js';

/** The hospitals module's public entry on the write side. */
export {
  changeHospitalSettings,
  hospitalsCommands,
  reactivateHospital,
  registerHospital,
  suspendHospital,
} from './commands.js';
export {
  HOSPITALS_RULES,
  type HospitalState,
  type HospitalStatus,
  type HospitalsEvent,
  hospitalAggregate,
  hospitalStreamId,
  settingsInForce,
} from './decider.js';
export {
  decideCompleteMove,
  decidePlaceHospital,
  decideStartMove,
  type HospitalPlacement,
  leastLoadedPartition,
  PLACEMENT_ID,
  PLACEMENT_RULES,
  PLACEMENT_SCOPE,
  type PlacementState,
  partitionLoads,
  placementAggregate,
} from './placement.js';
export { completeHospitalMove, placementStream, startHospitalMove } from './placement-commands.js';
export { hospitalsModule } from './routes.js';
export {
  DEFAULT_HOSPITAL_SETTINGS,
  type HospitalSettings,
  type HospitalSettingsInForce,
  type HospitalSettingsPort,
  type LabTurnaroundMinutes,
} from './settings.js';

/** What an auditor can fold to a state as of a time. */
export const aggregates: AuditableAggregates<'hospitals'> = { hospital: hospitalAggregate };
