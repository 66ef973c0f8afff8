import { PersonalDataAccessed } from './personal-data-accessed.js';

export { PersonalDataAccessed };

/** The audit module's event definitions: what the read API records about reads of personal data. */
export const auditEvents = [PersonalDataAccessed] as const;
