import type { DomainEventOf, moduleEvents } from '@chartline/events';
import type { Aggregate } from '../shared/command-spec.js';
import { RuleViolation } from '../shared/decider.js';
import type { ChangeHospitalSettings, ReactivateHospital, RegisterHospital, SuspendHospital } from './commands.js';
import {
  DEFAULT_HOSPITAL_SETTINGS,
  type HospitalSettings,
  type HospitalSettingsInForce,
  isKnownCurrency,
  isKnownTimeZone,
  type SettingsVersion,
  versionInForce,
} from './settings.js';

/** Every event of the hospitals module, as deciders see them. */
export type HospitalsEvent = DomainEventOf<(typeof moduleEvents.hospitals)[number]>;

/** Every rule a hospitals command can break: the stable code the API returns, and what it means. */
export const HOSPITALS_RULES = {
  'unknown-time-zone': 'The time zone is not an IANA time zone (e.g. "Europe/Paris"); send one from the tz database.',
  'unknown-currency': 'The currency is not an ISO 4217 code (e.g. "EUR", upper case); send one.',
  'hospital-already-registered': 'This hospital is already registered; change its settings instead.',
  'hospital-not-registered': 'This hospital is not registered; a platform administrator registers it first.',
  'settings-before-registration':
    'Settings cannot take effect before the hospital was registered; pick a later effective date.',
  'hospital-already-suspended': 'This hospital is already suspended.',
  'hospital-not-suspended': 'This hospital is active; only a suspended hospital can be reactivated.',
  'lab-turnaround-out-of-order':
    'Lab turnaround targets must not grow with urgency: send stat ≤ asap ≤ urgent ≤ routine minutes.',
} as const;
export type HospitalsRule = keyof typeof HOSPITALS_RULES;

const violate = (rule: HospitalsRule): never => {
  throw new RuleViolation(rule, HOSPITALS_RULES[rule]);
};

export interface HospitalState {
  readonly status: 'unregistered' | 'active' | 'suspended';
  readonly hospitalId?: string;
  readonly registeredAt?: string;
  readonly timeZone?: string;
  readonly currency?: string;
  /** Every settings version recorded, in recorded order. */
  readonly settings: readonly SettingsVersion[];
}

export type HospitalStatus = HospitalState['status'];

const initialState: HospitalState = { status: 'unregistered', settings: [] };

/** The hospital's own stream: `hospital-<hospitalId>.<hospitalId>`. */
export const hospitalStreamId = (hospitalId: string) => `hospital-${hospitalId}.${hospitalId}`;

/** `hospital-<hospitalId>.<hospitalId>`: one stream per hospital, in its own scope. */
export const hospitalAggregate: Aggregate<HospitalState, HospitalsEvent> = {
  name: 'hospital',
  initialState,
  evolve: (state, event) => {
    switch (event.type) {
      case 'HospitalRegistered': {
        const { hospitalId, registeredAt, timeZone, currency } = event.data;
        return { ...state, status: 'active', hospitalId, registeredAt, timeZone, currency };
      }
      case 'HospitalSettingsChanged': {
        const d = event.data;
        const settings: HospitalSettings = {
          minimumRestHours: d.minimumRestHours,
          maximumHoursPerSevenDays: d.maximumHoursPerSevenDays,
          dischargeWithUnbilledCharges: d.dischargeWithUnbilledCharges,
          labTurnaroundMinutes: {
            stat: d.labTurnaroundStatMinutes,
            asap: d.labTurnaroundAsapMinutes,
            urgent: d.labTurnaroundUrgentMinutes,
            routine: d.labTurnaroundRoutineMinutes,
          },
          stockExpiryWarningDays: d.stockExpiryWarningDays,
          licenceExpiryWarningDays: d.licenceExpiryWarningDays,
        };
        return {
          ...state,
          settings: [...state.settings, { version: d.settingsVersion, effectiveFrom: d.effectiveFrom, settings }],
        };
      }
      case 'HospitalSuspended':
        return { ...state, status: 'suspended' };
      case 'HospitalReactivated':
        return { ...state, status: 'active' };
      default:
        return state;
    }
  },
};

/**
 * The settings in force at `at` (ISO-8601 UTC): what another module's rule about an event at `at`
 * must use — the version with the latest effective date not after `at`, else the defaults (in
 * force from registration). Pure. A hospital never registered has no settings:
 * `hospital-not-registered`.
 */
export function settingsInForce(state: HospitalState, at: string): HospitalSettingsInForce {
  const { hospitalId, timeZone, currency, registeredAt } = state;
  if (state.status === 'unregistered' || !hospitalId || !timeZone || !currency || !registeredAt)
    return violate('hospital-not-registered');
  const version = versionInForce(state.settings, at);
  return {
    hospitalId,
    timeZone,
    currency,
    settingsVersion: version?.version ?? 0,
    effectiveFrom: version?.effectiveFrom ?? registeredAt,
    ...(version?.settings ?? DEFAULT_HOSPITAL_SETTINGS),
  };
}

export function decideRegisterHospital(c: RegisterHospital, hospital: HospitalState): HospitalsEvent[] {
  if (hospital.status !== 'unregistered') violate('hospital-already-registered');
  if (!isKnownTimeZone(c.timeZone)) violate('unknown-time-zone');
  if (!isKnownCurrency(c.currency)) violate('unknown-currency');
  return [
    {
      type: 'HospitalRegistered',
      data: { hospitalId: c.hospitalId, name: c.name, timeZone: c.timeZone, currency: c.currency, registeredAt: c.at },
    },
  ];
}

export function decideChangeSettings(c: ChangeHospitalSettings, hospital: HospitalState): HospitalsEvent[] {
  if (hospital.status === 'unregistered' || hospital.registeredAt === undefined)
    return violate('hospital-not-registered');
  if (Date.parse(c.effectiveFrom) < Date.parse(hospital.registeredAt)) violate('settings-before-registration');
  const s = c.settings;
  const lab = s.labTurnaroundMinutes;
  if (!(lab.stat <= lab.asap && lab.asap <= lab.urgent && lab.urgent <= lab.routine))
    violate('lab-turnaround-out-of-order');
  return [
    {
      type: 'HospitalSettingsChanged',
      data: {
        hospitalId: c.hospitalId,
        settingsVersion: hospital.settings.length + 1,
        effectiveFrom: c.effectiveFrom,
        minimumRestHours: s.minimumRestHours,
        maximumHoursPerSevenDays: s.maximumHoursPerSevenDays,
        dischargeWithUnbilledCharges: s.dischargeWithUnbilledCharges,
        labTurnaroundStatMinutes: s.labTurnaroundMinutes.stat,
        labTurnaroundUrgentMinutes: s.labTurnaroundMinutes.urgent,
        labTurnaroundRoutineMinutes: s.labTurnaroundMinutes.routine,
        labTurnaroundAsapMinutes: s.labTurnaroundMinutes.asap,
        stockExpiryWarningDays: [...s.stockExpiryWarningDays],
        licenceExpiryWarningDays: s.licenceExpiryWarningDays,
        changedAt: c.at,
      },
    },
  ];
}

export function decideSuspendHospital(c: SuspendHospital, hospital: HospitalState): HospitalsEvent[] {
  if (hospital.status === 'unregistered') violate('hospital-not-registered');
  if (hospital.status === 'suspended') violate('hospital-already-suspended');
  return [{ type: 'HospitalSuspended', data: { hospitalId: c.hospitalId, reason: c.reason, suspendedAt: c.at } }];
}

export function decideReactivateHospital(c: ReactivateHospital, hospital: HospitalState): HospitalsEvent[] {
  if (hospital.status === 'unregistered') violate('hospital-not-registered');
  if (hospital.status === 'active') violate('hospital-not-suspended');
  return [{ type: 'HospitalReactivated', data: { hospitalId: c.hospitalId, reason: c.reason, reactivatedAt: c.at } }];
}
