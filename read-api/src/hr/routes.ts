import { badRequest } from '@chartline/infra';
import type {
  ContractHolds,
  LeaveDocument,
  LicenceDocument,
  PublicDocument,
  Role,
  SameFields,
  ShiftDocument,
  StaffDocument,
  SwapDocument,
} from '@chartline/kernel';
import { HR_LEAVE_TYPES } from '@chartline/kernel';
import { z } from 'zod';
import {
  consistencyQuery,
  count,
  entityId,
  hospitalId,
  isoDate,
  isoInstant,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  pageQuery,
  scalar,
} from '../server/inputs.js';
import { page } from '../server/page.js';
import { publicFields } from '../server/public-fields.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import {
  addDays,
  directoryPage,
  HR_LEAVE,
  HR_LICENCES,
  HR_SHIFT_TYPES,
  HR_SHIFTS,
  HR_STAFF,
  HR_SWAPS,
  hoursPage,
  leaveCalendarPage,
  licencesPage,
  swapsPage,
  wardRoster,
} from './queries.js';

/** HR officers and ward managers read the module's lists; administrators the directory too; rostered staff their ward's roster. */
const HR_READERS: readonly Role[] = ['hr_admin', 'ward_manager'];
const DIRECTORY_READERS: readonly Role[] = ['hr_admin', 'ward_manager', 'admin'];
const ROSTER_READERS: readonly Role[] = ['ward_manager', 'hr_admin', 'nurse', 'physician'];

/** A closed list whose description says what each code means (the OpenAPI documents explain every code). */
function codes<const T extends Readonly<Record<string, string>>>(what: string, meanings: T) {
  const keys = Object.keys(meanings) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
  const list = Object.entries(meanings)
    .map(([code, meaning]) => `\`${code}\`: ${meaning}`)
    .join('; ');
  return z.enum(keys).describe(`${what} ${list}.`);
}
const leaveStatus = codes('Leave status:', {
  requested: 'waiting for a manager',
  approved: 'approved, days taken from the balance',
  rejected: 'rejected',
});
const swapStatus = codes('Swap status:', {
  requested: 'waiting for a ward manager',
  approved: 'approved, the shifts moved',
  rejected: 'rejected',
});
const leaveType = codes('Kind of leave:', {
  annual: 'paid annual leave',
  sick: 'sick leave',
  parental: 'parental leave',
  study: 'study leave',
  unpaid: 'unpaid leave',
});

const staffShape = z.object({
  hospitalId: z.string(),
  staffId: z.string(),
  givenName: z.string().describe('Given name(s) ("[erased]" never appears here: erased staff drop out).'),
  familyName: z.string(),
  department: z.string(),
  jobTitle: z.string(),
  practitionerRoles: z.array(z.string()),
  startDate: z.string(),
  status: codes('Employment:', { active: 'works here', separated: 'has left (see separationDate)' }),
  separationDate: z.string().nullable(),
  userId: z.string().nullable().describe('The identity-provider subject linked to the record, if any.'),
  accessRoles: z
    .array(z.string())
    .describe('Roles granted in this hospital (what the APIs let the subject’s tokens use).'),
  leaveBalances: z.object(
    Object.fromEntries(HR_LEAVE_TYPES.map((t) => [t, z.number().int()])) as Record<
      (typeof HR_LEAVE_TYPES)[number],
      z.ZodNumber
    >,
  ),
  erased: z.boolean(),
  licenceIds: z.array(z.string()),
  pendingLeave: z
    .record(z.string(), z.object({ leaveType, days: z.number().int() }))
    .describe('Leave requested and not yet decided, by leave id: its type and days.'),
  revision: z
    .number()
    .int()
    .describe('The staff stream’s revision: send it as If-Match with a command on this person.'),
});
export type StaffAnswerContract = ContractHolds<SameFields<PublicDocument<StaffDocument>, z.infer<typeof staffShape>>>;

const shiftShape = z.object({
  hospitalId: z.string(),
  shiftId: z.string(),
  staffId: z.string(),
  shiftTypeId: z.string(),
  wardId: z.string(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  hours: z.number(),
  clinical: z.boolean(),
  status: codes('Shift status:', {
    assigned: 'on the roster',
    cancelled: 'taken off by a ward manager',
    separation: 'ended because the person left',
  }),
  swapId: z.string().nullable(),
});
export type ShiftAnswerContract = ContractHolds<SameFields<PublicDocument<ShiftDocument>, z.infer<typeof shiftShape>>>;

const rosterShape = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  shifts: z.array(shiftShape),
  coverage: z
    .array(
      z.object({
        date: z.string(),
        shiftTypeId: z.string(),
        shiftTypeName: z.string(),
        required: z.number().int(),
        assigned: z.number().int(),
        gap: z.number().int().describe('Staff still missing (0 when covered).'),
        staffIds: z.array(z.string()),
      }),
    )
    .describe('Per day and shift type: the staff it requires against those rostered.'),
});

const licenceShape = z.object({
  hospitalId: z.string(),
  licenceId: z.string(),
  staffId: z.string(),
  qualification: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  tracked: z.boolean(),
  sweepStatus: codes('What the daily licence sweep last raised (null: nothing yet):', {
    expiring_soon: 'last valid day within 30 days',
    expired: 'past its last valid day',
  }).nullable(),
});
export type LicenceAnswerContract = ContractHolds<
  SameFields<PublicDocument<LicenceDocument>, z.infer<typeof licenceShape>>
>;

const leaveShape = z.object({
  hospitalId: z.string(),
  leaveId: z.string(),
  staffId: z.string(),
  leaveType,
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  status: leaveStatus,
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
});
export type LeaveAnswerContract = ContractHolds<SameFields<PublicDocument<LeaveDocument>, z.infer<typeof leaveShape>>>;

const swapShape = z.object({
  hospitalId: z.string(),
  swapId: z.string(),
  requesterStaffId: z.string(),
  requesterShiftId: z.string(),
  counterpartStaffId: z.string(),
  counterpartShiftId: z.string(),
  status: swapStatus,
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
  revision: z.number().int().describe('The swap stream’s revision (If-Match for approve-swap and reject-swap).'),
});
export type SwapAnswerContract = ContractHolds<SameFields<PublicDocument<SwapDocument>, z.infer<typeof swapShape>>>;

const hoursShape = z.object({
  staffId: z.string(),
  hours: z.number().describe('Hours rostered inside the 7 days ending at `until`.'),
});

const today = (now: Date) => now.toISOString().slice(0, 10);
const items = <T>(docs: readonly Record<string, unknown>[]) => docs.map(publicFields) as T[];

export const hrRoutes: readonly ReadRoute[] = [
  defineRoute({
    id: 'staffDirectory',
    method: 'get',
    path: '/hospitals/:hospitalId/hr/staff',
    summary: 'The staff directory: current and former staff, erased staff left out, in onboarding order.',
    tag: 'hr',
    roles: DIRECTORY_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...pageQuery, ...consistencyQuery }),
    response: page(staffShape),
    views: [HR_STAFF],
    modules: ['hr'],
    run: async ({ params, query }, deps) => {
      const result = await directoryPage(deps.readStore, params.hospitalId, query.limit, query.cursor);
      const shown = items<z.infer<typeof staffShape>>(result.items);
      return {
        body: { items: shown, nextCursor: result.nextCursor },
        // Names are personal: each staff member shown gets an entry in their access log, as patients do.
        accessed: shown.map((s) => ({ staffId: s.staffId, view: 'staff_directory' as const })),
      };
    },
  }),
  defineRoute({
    id: 'wardRoster',
    method: 'get',
    path: '/hospitals/:hospitalId/hr/wards/:wardId/roster',
    summary: 'A ward’s roster for a week, with coverage against the staff each shift type requires.',
    tag: 'hr',
    roles: ROSTER_READERS,
    params: z.strictObject({ hospitalId, wardId: entityId('Ward id.') }),
    input: z.strictObject({
      weekStart: isoDate('First day of the 7 days (default: today, UTC)').optional(),
      ...consistencyQuery,
    }),
    response: rosterShape,
    views: [HR_SHIFTS, HR_SHIFT_TYPES],
    modules: ['hr'],
    run: async ({ params, query }, deps) => {
      const weekStart = query.weekStart ?? today(deps.clock());
      const roster = await wardRoster(deps.readStore, params.hospitalId, params.wardId, weekStart);
      return { body: { ...roster, shifts: items<z.infer<typeof shiftShape>>(roster.shifts) } };
    },
  }),
  defineRoute({
    id: 'licencesByExpiry',
    method: 'get',
    path: '/hospitals/:hospitalId/hr/licences',
    summary: 'Licences of current staff expiring within 30 days of a day, or already expired, soonest first.',
    tag: 'hr',
    roles: HR_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      status: codes('Which licences (default `expiring`):', {
        expiring: 'last valid day within 30 days of asOf',
        expired: 'last valid day before asOf',
      }).optional(),
      asOf: isoDate('The day to judge from (default: today, UTC)').optional(),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(licenceShape),
    views: [HR_LICENCES],
    modules: ['hr'],
    run: async ({ params, query }, deps) => {
      const asOf = query.asOf ?? today(deps.clock());
      const result = await licencesPage(
        deps.readStore,
        params.hospitalId,
        query.status ?? 'expiring',
        asOf,
        query.limit,
        query.cursor,
      );
      return { body: { items: items<z.infer<typeof licenceShape>>(result.items), nextCursor: result.nextCursor } };
    },
  }),
  defineRoute({
    id: 'leaveCalendar',
    method: 'get',
    path: '/hospitals/:hospitalId/hr/leave',
    summary: 'The leave calendar: leave requested or approved that overlaps a period (at most 92 days), by first day.',
    tag: 'hr',
    roles: HR_READERS,
    params: z.strictObject({ hospitalId }),
    input: z
      .strictObject({
        from: isoDate('First day (default: today, UTC)').optional(),
        to: isoDate('Last day (default: 30 days after from)').optional(),
        ...pageQuery,
        ...consistencyQuery,
      })
      .refine((q) => !q.from || !q.to || (q.to >= q.from && q.to <= addDays(q.from, 91)), {
        path: ['to'],
        message: 'Must be from `from` to 91 days after it',
      }),
    response: page(leaveShape),
    views: [HR_LEAVE],
    modules: ['hr'],
    run: async ({ params, query }, deps) => {
      const from = query.from ?? today(deps.clock());
      const to = query.to ?? addDays(from, 30);
      if (to < from || to > addDays(from, 91)) {
        throw badRequest('invalid-request', 'The period must run from `from` to at most 91 days after it.', [
          { field: 'query.to', message: 'Must be from `from` to 91 days after it' },
        ]);
      }
      const result = await leaveCalendarPage(deps.readStore, params.hospitalId, from, to, query.limit, query.cursor);
      return { body: { items: items<z.infer<typeof leaveShape>>(result.items), nextCursor: result.nextCursor } };
    },
  }),
  defineRoute({
    id: 'shiftSwaps',
    method: 'get',
    path: '/hospitals/:hospitalId/hr/swaps',
    summary: 'Shift swaps by status (default: those waiting for a ward manager).',
    tag: 'hr',
    roles: HR_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      status: codes('Which swaps (default `requested`):', {
        requested: 'waiting for a ward manager',
        approved: 'approved',
        rejected: 'rejected',
      }).optional(),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(swapShape),
    views: [HR_SWAPS],
    modules: ['hr'],
    run: async ({ params, query }, deps) => {
      const result = await swapsPage(
        deps.readStore,
        params.hospitalId,
        query.status ?? 'requested',
        query.limit,
        query.cursor,
      );
      return { body: { items: items<z.infer<typeof swapShape>>(result.items), nextCursor: result.nextCursor } };
    },
  }),
  defineRoute({
    id: 'rollingHours',
    method: 'get',
    path: '/hospitals/:hospitalId/hr/hours',
    summary: 'Hours per person in the rolling 7 days ending at an instant (default now), by staff id.',
    tag: 'hr',
    roles: HR_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      until: isoInstant('End of the 7 days (default: now)').optional(),
      limit: count(`Page size, 1–${PAGE_SIZE_MAX} (default ${PAGE_SIZE_DEFAULT}).`, PAGE_SIZE_MAX, 1).optional(),
      cursor: scalar(/^[A-Za-z0-9_-]+$/, 'Opaque cursor from the previous page’s nextCursor.', 512).optional(),
      ...consistencyQuery,
    }),
    response: page(hoursShape),
    views: [HR_SHIFTS],
    modules: ['hr'],
    run: async ({ params, query }, deps) => {
      const until = query.until ? new Date(query.until).toISOString() : deps.clock().toISOString();
      const after = query.cursor ? Buffer.from(query.cursor, 'base64url').toString('utf8') : undefined;
      const result = await hoursPage(deps.readStore, params.hospitalId, until, query.limit ?? PAGE_SIZE_DEFAULT, after);
      return {
        body: {
          items: result.items,
          nextCursor:
            result.nextStaffId === null ? null : Buffer.from(result.nextStaffId, 'utf8').toString('base64url'),
        },
      };
    },
  }),
];
