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
  /** Lab turnaround targets per order priority, minutes. */
  readonly labTurnaroundMinutes: { readonly stat: number; readonly urgent: number; readonly routine: number };
}

/**
 * The defaults in force from registration until the first change: 11 h rest (EU working-time
 * directive's daily rest), 48 h per 7 days (its weekly limit), discharge refused while charges are
 * unbilled (no revenue leaks silently), lab targets 1 h stat, 4 h urgent, 24 h routine.
 */
export const DEFAULT_HOSPITAL_SETTINGS: HospitalSettings = {
  minimumRestHours: 11,
  maximumHoursPerSevenDays: 48,
  dischargeWithUnbilledCharges: 'refuse',
  labTurnaroundMinutes: { stat: 60, urgent: 240, routine: 1440 },
};

/** One version of the settings: version 0 is the defaults, in force from registration. */
export interface SettingsVersion {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly settings: HospitalSettings;
}

/**
 * The settings in force at `at` (ISO-8601 UTC) among `versions`: the one with the latest effective
 * date not after `at`; of two with the same date, the later version. Before any version is in
 * force (an instant before registration), the defaults.
 */
export function settingsInForceAmong(versions: readonly SettingsVersion[], at: string): HospitalSettings {
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
  return best?.settings ?? DEFAULT_HOSPITAL_SETTINGS;
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
