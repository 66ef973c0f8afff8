import { PersonalDataAccessed } from './personal-data-accessed.js';
import { StaffPersonalDataAccessed } from './staff-personal-data-accessed.js';

export { PersonalDataAccessed, StaffPersonalDataAccessed };

/** The audit module's event definitions: what the read API records about reads of personal data. */
export const auditEvents = [PersonalDataAccessed, StaffPersonalDataAccessed] as const;
