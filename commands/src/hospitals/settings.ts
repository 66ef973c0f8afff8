/**
 * A hospital's settings: versioned, each version in force from its effective date, so a rule
 * applied to a past event uses the version in force then. Pure: no clock, no I/O.
 */

export type DischargeWithUnbilledChargesPolicy = 'refuse' | 'warn' | 'allow';

export interface HospitalSettings {
  /** Least rest between two shifts of one person, hours. */
  readonly minimumRestHours: number;
  /** Most hours one person may work in any rolling 7 days. */
  readonly maximumHoursPerSevenDays: number;
  /** What a discharge does while the stay has unbilled charges. */
  readonly dischargeWithUnbilledCharges: DischargeWithUnbilledChargesPolicy;
  /** Lab turnaround targets per order priority (FHIR request priority), minutes. */
  readonly labTurnaroundMinutes: LabTurnaroundMinutes;
  /** Days before a stock lot expires at which a warning is raised: one window each, largest first. */
  readonly stockExpiryWarningDays: readonly number[];
  /** Days before a staff licence expires at which a warning is raised. */
  readonly licenceExpiryWarningDays: number;
}

export interface LabTurnaroundMinutes {
  readonly stat: number;
  readonly asap: number;
  readonly urgent: number;
  readonly routine: number;
}

/**
 * What a module's rule receives: the hospital's registration facts (fixed at registration) and the
 * settings version in force at the instant the rule is about. `settingsVersion` 0 is the defaults.
 */
export interface HospitalSettingsInForce extends HospitalSettings {
  readonly hospitalId: string;
  /** IANA time zone: local days (bed-days, rosters, daily sweeps) are counted in it. */
  readonly timeZone: string;
  /** ISO 4217 code: money is in its minor units. */
  readonly currency: string;
  readonly settingsVersion: number;
  /** From when this version is in force (registration, for the defaults), ISO-8601 UTC. */
  readonly effectiveFrom: string;
}

/**
 * The defaults in force from registration until the first change: 11 h rest (EU working-time
 * directive's daily rest), 48 h per 7 days (its weekly limit), discharge refused while charges are
 * unbilled (no revenue leaks silently), lab targets 1 h stat, 2 h asap, 4 h urgent, 24 h routine,
 * stock lots warned of at 90, 60 and 30 days before expiry, licences at 30 days.
 */
export const DEFAULT_HOSPITAL_SETTINGS: HospitalSettings = {
  minimumRestHours: 11,
  maximumHoursPerSevenDays: 48,
  dischargeWithUnbilledCharges: 'refuse',
  labTurnaroundMinutes: { stat: 60, asap: 120, urgent: 240, routine: 1440 },
  stockExpiryWarningDays: [90, 60, 30],
  licenceExpiryWarningDays: 30,
};

/**
 * What a module's command handler uses to learn a hospital's settings: the version in force at
 * the instant its rule is about (usually the time of the event it decides on). The command
 * pipeline calls it for a spec that declares `settingsAt` and passes the answer to `decide`, so
 * deciders stay pure and no module reads the hospitals module's streams itself.
 */
export interface HospitalSettingsPort {
  /** Refuses with the rule `hospital-not-registered` for a hospital never registered. */
  settingsInForce(hospitalId: string, at: string): Promise<HospitalSettingsInForce>;
}

/** One version of the settings: version 0 is the defaults, in force from registration. */
export interface SettingsVersion {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly settings: HospitalSettings;
}

/**
 * The settings version in force at `at` (ISO-8601 UTC) among `versions`: the one with the latest
 * effective date not after `at`; of two with the same date, the later version. Before any version
 * is in force, undefined (the defaults apply).
 */
export function versionInForce(versions: readonly SettingsVersion[], at: string): SettingsVersion | undefined {
  const when = Date.parse(at);
  let best: SettingsVersion | undefined;
  for (const v of versions) {
    const from = Date.parse(v.effectiveFrom);
    if (from > when) continue;
    if (
      !best ||
      from > Date.parse(best.effectiveFrom) ||
      (from === Date.parse(best.effectiveFrom) && v.version > best.version)
    )
      best = v;
  }
  return best;
}

/** Whether `zone` is an IANA time zone this runtime knows (Intl throws a RangeError otherwise). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency code this runtime knows (upper case, as ISO writes it). */
export const isKnownCurrency = (code: string): boolean => /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
