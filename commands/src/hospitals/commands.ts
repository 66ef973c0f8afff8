import { z } from 'zod';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import { instantWithin } from '../shared/plausible-times.js';
import {
  decideChangeSettings,
  decideReactivateHospital,
  decideRegisterHospital,
  decideSuspendHospital,
  type HospitalState,
  hospitalAggregate,
} from './decider.js';
import { decidePlaceHospital } from './placement.js';
import { placementStream, startHospitalMove } from './placement-commands.js';
import { DEFAULT_HOSPITAL_SETTINGS, type HospitalSettings } from './settings.js';

/** The hospitals module's commands as deciders see them (ids and times chosen at the edge). */
export interface RegisterHospital {
  readonly type: 'RegisterHospital';
  readonly hospitalId: string;
  readonly name: string;
  readonly timeZone: string;
  readonly currency: string;
  /** Partitions of the module topics: the placement chooses among them. */
  readonly partitions: number;
  readonly at: string;
}
export interface ChangeHospitalSettings {
  readonly type: 'ChangeHospitalSettings';
  readonly hospitalId: string;
  readonly effectiveFrom: string;
  readonly settings: HospitalSettings;
  readonly at: string;
}
export interface SuspendHospital {
  readonly type: 'SuspendHospital';
  readonly hospitalId: string;
  readonly reason: string;
  readonly at: string;
}
export interface ReactivateHospital {
  readonly type: 'ReactivateHospital';
  readonly hospitalId: string;
  readonly reason: string;
  readonly at: string;
}

/** The hospital's own stream: the hospital in the URL is the one registered or changed. */
const hospital = (id: string): TypedStreamRef<HospitalState> => ({ aggregate: hospitalAggregate, id });
const PLATFORM = ['platform_admin'] as const;
const utc = (iso: string) => new Date(iso).toISOString();
const minutes = (what: string) => z.number().int().min(1).max(10_080).describe(`${what}, minutes (1 to 10080).`);

export const registerHospital = defineCommand({
  module: 'hospitals',
  name: 'register-hospital',
  summary: 'Register the hospital in the URL on the platform (platform administrators).',
  roles: PLATFORM,
  body: z.strictObject({
    name: z.string().trim().min(1).max(200).describe('Display name of the hospital.'),
    timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. "Europe/Paris".'),
    currency: z.string().min(3).max(3).describe('ISO 4217 currency code, upper case, e.g. "EUR".'),
  }),
  toCommand: (body, ctx): RegisterHospital => ({
    type: 'RegisterHospital',
    hospitalId: ctx.hospitalId,
    ...body,
    partitions: ctx.kafkaPartitions,
    at: ctx.now,
  }),
  // The hospital is placed on a Kafka partition as it is registered, and the placement is written
  // first, so the relay routes the hospital's very first event to its partition.
  streams: (c) => ({ hospital: hospital(c.hospitalId), placement: placementStream() }),
  appendFirst: 'placement',
  // Every registration appends to the one placement stream: hospitals registered at once (a
  // generator, a bench) race for it, and the losers choose again on the new state.
  conflictRetries: 20,
  decide: (c, loaded) => ({
    hospital: decideRegisterHospital(c, loaded.hospital.state),
    placement: decidePlaceHospital(c, loaded.placement.state),
  }),
});

export const changeHospitalSettings = defineCommand({
  module: 'hospitals',
  name: 'change-settings',
  summary:
    'Record a new version of the hospital’s settings, in force from its effective date (platform administrators).',
  roles: PLATFORM,
  body: z.strictObject({
    effectiveFrom: instantWithin('From when the settings are in force (leave out: at once, from the command’s time)', {
      pastDays: 3650,
      futureDays: 366,
    }).optional(),
    minimumRestHours: z
      .number()
      .int()
      .min(0)
      .max(24)
      .describe('Least rest between two shifts, hours (0 to 24; default 11).'),
    maximumHoursPerSevenDays: z
      .number()
      .int()
      .min(1)
      .max(168)
      .describe('Most hours worked in any rolling 7 days (1 to 168; default 48).'),
    dischargeWithUnbilledCharges: z
      .enum(['refuse', 'warn', 'allow'])
      .describe(
        'What a discharge does while charges are unbilled: refuse it (default), warn and discharge, or allow it silently.',
      ),
    labTurnaroundMinutes: z.strictObject({
      stat: minutes('Target for a stat lab order (default 60)'),
      asap: minutes('Target for an asap lab order (default 120; omitted: the default)').optional(),
      urgent: minutes('Target for an urgent lab order (default 240)'),
      routine: minutes('Target for a routine lab order (default 1440)'),
    }),
    stockExpiryWarningDays: z
      .array(z.number().int().min(1).max(3650))
      .min(1)
      .max(5)
      .optional()
      .describe('Days before a stock lot expires at which to warn, one per window (default [90, 60, 30]).'),
    licenceExpiryWarningDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .optional()
      .describe('Days before a staff licence expires at which to warn (default 30).'),
  }),
  toCommand: (body, ctx): ChangeHospitalSettings => {
    const { effectiveFrom, labTurnaroundMinutes, stockExpiryWarningDays, licenceExpiryWarningDays, ...rest } = body;
    // A version is complete: what the body leaves out (settings added since v1) takes its default.
    const d = DEFAULT_HOSPITAL_SETTINGS;
    const settings: HospitalSettings = {
      ...rest,
      labTurnaroundMinutes: { ...labTurnaroundMinutes, asap: labTurnaroundMinutes.asap ?? d.labTurnaroundMinutes.asap },
      // Largest window first, each once: the order the sweep raises them in.
      stockExpiryWarningDays: [...new Set(stockExpiryWarningDays ?? d.stockExpiryWarningDays)].sort((a, b) => b - a),
      licenceExpiryWarningDays: licenceExpiryWarningDays ?? d.licenceExpiryWarningDays,
    };
    return {
      type: 'ChangeHospitalSettings',
      hospitalId: ctx.hospitalId,
      // Left out: in force at once (an onboarding script cannot know the registration's instant).
      effectiveFrom: utc(effectiveFrom ?? ctx.now),
      settings,
      at: ctx.now,
    };
  },
  streams: (c) => ({ hospital: hospital(c.hospitalId) }),
  decide: (c, loaded) => ({ hospital: decideChangeSettings(c, loaded.hospital.state) }),
});

export const suspendHospital = defineCommand({
  module: 'hospitals',
  name: 'suspend-hospital',
  summary: 'Suspend the hospital (platform administrators).',
  roles: PLATFORM,
  body: z.strictObject({
    reason: z.string().trim().min(1).max(500).describe('Why, in operational words (never patient data).'),
  }),
  toCommand: (body, ctx): SuspendHospital => ({
    type: 'SuspendHospital',
    hospitalId: ctx.hospitalId,
    reason: body.reason,
    at: ctx.now,
  }),
  streams: (c) => ({ hospital: hospital(c.hospitalId) }),
  decide: (c, loaded) => ({ hospital: decideSuspendHospital(c, loaded.hospital.state) }),
});

export const reactivateHospital = defineCommand({
  module: 'hospitals',
  name: 'reactivate-hospital',
  summary: 'Reactivate a suspended hospital (platform administrators).',
  roles: PLATFORM,
  body: z.strictObject({
    reason: z.string().trim().min(1).max(500).describe('Why, in operational words (never patient data).'),
  }),
  toCommand: (body, ctx): ReactivateHospital => ({
    type: 'ReactivateHospital',
    hospitalId: ctx.hospitalId,
    reason: body.reason,
    at: ctx.now,
  }),
  streams: (c) => ({ hospital: hospital(c.hospitalId) }),
  decide: (c, loaded) => ({ hospital: decideReactivateHospital(c, loaded.hospital.state) }),
});

export const hospitalsCommands = [
  registerHospital,
  changeHospitalSettings,
  suspendHospital,
  reactivateHospital,
  startHospitalMove,
];
