import type { AuditableAggregates } from '../shared/auditable.js';
import {
  licenceRegisterAggregate,
  shiftSwapAggregate,
  shiftTypeAggregate,
  staffAccessAggregate,
} from './aggregates.js';
import { staffAggregate } from './staff.js';

export {
  type AccessState,
  type LicenceRegisterState,
  licenceRegisterAggregate,
  type ShiftTypeState,
  type SwapState,
  shiftSwapAggregate,
  shiftTypeAggregate,
  staffAccessAggregate,
} from './aggregates.js';
/** The hr module's public entry on the write side. */
export * from './commands.js';
export { EXPIRY_WINDOW_DAYS } from './decider.js';
export { hrModule } from './routes.js';
export { HR_RULES, type HrRule } from './rules.js';
export { type HrEvent, type StaffState, staffAggregate } from './staff.js';

/** What an auditor can fold to a state as of a time. */
export const aggregates: AuditableAggregates<'hr'> = {
  staff: staffAggregate,
  staffAccess: staffAccessAggregate,
  shiftType: shiftTypeAggregate,
  shiftSwap: shiftSwapAggregate,
  licenceRegister: licenceRegisterAggregate,
};
