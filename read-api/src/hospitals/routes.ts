import { notFound } from '@chartline/infra';
import type { ContractHolds, HospitalDocument, PublicDocument, Role, SameFields } from '@chartline/kernel';
import { z } from 'zod';
import { consistencyQuery, hospitalId } from '../server/inputs.js';
import { publicFields } from '../server/public-fields.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import { HOSPITALS, hospitalOf } from './queries.js';

// The hospital's own administrators read its settings; platform administrators manage them.
const READERS: readonly Role[] = ['admin', 'platform_admin'];

const settingsShape = z
  .object({
    settingsVersion: z.number().int().describe('1, 2, 3… in recorded order.'),
    effectiveFrom: z.string().describe('From when this version is in force, ISO-8601 UTC (may be in the future).'),
    minimumRestHours: z.number().int(),
    maximumHoursPerSevenDays: z.number().int(),
    dischargeWithUnbilledCharges: z
      .enum(['refuse', 'warn', 'allow'])
      .describe('A discharge while charges are unbilled: refuse it, warn and discharge, or allow it.'),
    labTurnaroundMinutes: z
      .object({ stat: z.number().int(), asap: z.number().int(), urgent: z.number().int(), routine: z.number().int() })
      .describe('Lab turnaround targets per order priority, minutes.'),
    stockExpiryWarningDays: z
      .array(z.number().int())
      .describe('Days before a stock lot expires at which a warning is raised, largest first.'),
    licenceExpiryWarningDays: z.number().int().describe('Days before a staff licence expires at which to warn.'),
  })
  .nullable()
  .describe('The latest recorded settings version; null while the documented defaults are in force.');

export const hospitalShape = z.object({
  hospitalId: z.string(),
  name: z.string(),
  timeZone: z.string().describe('IANA time zone.'),
  currency: z.string().describe('ISO 4217 code.'),
  status: z.enum(['active', 'suspended']).describe('active, or suspended by a platform administrator.'),
  registeredAt: z.string().describe('ISO-8601 UTC.'),
  settings: settingsShape,
  revision: z
    .number()
    .int()
    .describe('The hospital stream’s revision: send it as If-Match: "<revision>" to change it.'),
});

// The answer carries exactly the fields the projection writes (the kernel's read-model contract).
export type HospitalAnswerContract = ContractHolds<
  SameFields<PublicDocument<HospitalDocument>, z.infer<typeof hospitalShape>>
>;

export const hospitalsRoutes: readonly ReadRoute[] = [
  defineRoute({
    id: 'getHospital',
    method: 'get',
    path: '/hospitals/:hospitalId/profile',
    summary: 'The hospital: name, time zone, currency, status and its latest settings.',
    tag: 'hospitals',
    roles: READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...consistencyQuery }),
    response: hospitalShape,
    views: [HOSPITALS],
    modules: ['hospitals'],
    problems: [404],
    run: async ({ params }, deps) => {
      const hospital = await hospitalOf(deps.readStore, params.hospitalId);
      if (!hospital)
        throw notFound('This hospital is not registered (or not yet shown); a platform administrator registers it.');
      return { body: publicFields(hospital) as z.infer<typeof hospitalShape> };
    },
  }),
];
