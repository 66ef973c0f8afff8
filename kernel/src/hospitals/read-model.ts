import type { ReadModelDocument, RevisionedDocument } from '../read-model.js';

/** The hospitals module's read models, as its projection writes them and its read routes read them. */
export const HOSPITALS_VIEWS = { hospitals: 'hospitals' } as const;
export const HOSPITALS = HOSPITALS_VIEWS.hospitals;

/** The latest recorded settings version (it may be future-dated: see effectiveFrom). */
export interface HospitalSettingsDocument {
  readonly settingsVersion: number;
  readonly effectiveFrom: string;
  readonly minimumRestHours: number;
  readonly maximumHoursPerSevenDays: number;
  readonly dischargeWithUnbilledCharges: 'refuse' | 'warn' | 'allow';
  readonly labTurnaroundMinutes: {
    readonly stat: number;
    readonly asap: number;
    readonly urgent: number;
    readonly routine: number;
  };
  readonly stockExpiryWarningDays: readonly number[];
  readonly licenceExpiryWarningDays: number;
}

/** One document per hospital. `settings` is null until the first change (the defaults are in force). */
export interface HospitalDocument extends ReadModelDocument, RevisionedDocument {
  readonly name: string;
  readonly timeZone: string;
  readonly currency: string;
  readonly status: 'active' | 'suspended';
  readonly registeredAt: string;
  readonly settings: HospitalSettingsDocument | null;
  /** The hospital stream's revision: what a command's If-Match expects. */
  readonly revision: number;
}
