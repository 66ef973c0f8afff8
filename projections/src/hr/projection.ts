import { HR_LEAVE_TYPES } from '@chartline/kernel';
import { defineProjection, type HandlerOf, ignore } from '../runtime/define-projection.js';
import type { EventNameOf } from '../runtime/event-data.js';
import type { ProjectionContext } from '../runtime/projection.js';
import { HR_LEAVE, HR_LICENCES, HR_SHIFT_TYPES, HR_SHIFTS, HR_STAFF, HR_SWAPS, type HrView, hrViews } from './views.js';

type Hr = 'hr';
type Handler<N extends EventNameOf<Hr>> = HandlerOf<Hr, N, HrView>;

const HOUR_MS = 3_600_000;
const ERASED_FIELDS = ['givenName', 'familyName'] as const;

/** Balances are set from the document as this batch sees it (the position guard makes a replay a no-op). */
async function balance(ctx: ProjectionContext<HrView>, staffId: string, type: string, days: number) {
  const current = await ctx.read(HR_STAFF, staffId);
  const balances = (current?.['leaveBalances'] as Record<string, number> | undefined) ?? {};
  await ctx.write(HR_STAFF, staffId, {
    $set: { leaveBalances: { ...balances, [type]: (balances[type] ?? 0) + days } },
  });
}

type PendingLeave = Record<string, { leaveType: string; days: number }>;
const pendingOf = (staff: Record<string, unknown> | null): PendingLeave =>
  (staff?.['pendingLeave'] as PendingLeave | undefined) ?? {};

/**
 * Every staff-stream event reaches the staff document, so its `revision` is the stream's (what a
 * command's If-Match on the person expects), even when the event changes nothing shown there.
 */
const touchStaff = (ctx: ProjectionContext<HrView>, staffId: string) =>
  ctx.write(HR_STAFF, staffId, { $set: { staffId } }, { upsert: false });

const accessRole =
  (change: 'grant' | 'revoke'): Handler<'AccessRoleGranted' | 'AccessRoleRevoked'> =>
  async ({ data: d }, ctx) => {
    const current = await ctx.read(HR_STAFF, d.staffId);
    const roles = ((current?.['accessRoles'] as string[] | undefined) ?? []).filter((r) => r !== d.role);
    await ctx.write(HR_STAFF, d.staffId, { $set: { accessRoles: change === 'grant' ? [...roles, d.role] : roles } });
  };

/**
 * A decision takes the request off the staff document's pending list, and an approval its days
 * off the balance of its type, both read from the staff document itself (LeaveApproved names no
 * type). Never from the leave document: after a crash between two collections' flushes it may be
 * ahead of or behind the staff document, and a redelivered approval would then miss the balance.
 */
const leaveDecided =
  (status: 'approved' | 'rejected'): Handler<'LeaveApproved' | 'LeaveRejected'> =>
  async ({ data: d }, ctx) => {
    const decidedBy = 'approvedBy' in d ? d.approvedBy : d.rejectedBy;
    await ctx.write(HR_LEAVE, d.leaveId, { $set: { status, decidedBy } });
    const staff = await ctx.read(HR_STAFF, d.staffId);
    const { [d.leaveId]: request, ...stillPending } = pendingOf(staff);
    const balances = (staff?.['leaveBalances'] as Record<string, number> | undefined) ?? {};
    const type = request?.leaveType;
    // One write per document per event: the position guard lets only the first through.
    await ctx.write(
      HR_STAFF,
      d.staffId,
      {
        $set: {
          pendingLeave: stillPending,
          ...(status === 'approved' && 'days' in d && type !== undefined
            ? { leaveBalances: { ...balances, [type]: (balances[type] ?? 0) - d.days } }
            : {}),
        },
      },
      { upsert: false },
    );
  };

const swapDecided =
  (status: 'approved' | 'rejected'): Handler<'ShiftSwapApproved' | 'ShiftSwapRejected'> =>
  async ({ data: d }, ctx) => {
    await ctx.write(HR_SWAPS, d.swapId, {
      $set: { status, decidedBy: 'approvedBy' in d ? d.approvedBy : d.rejectedBy },
    });
  };

const licenceSwept =
  (sweepStatus: 'expiring_soon' | 'expired'): Handler<'LicenceExpiringSoon' | 'LicenceExpired'> =>
  async ({ data: d }, ctx) => {
    await ctx.write(HR_LICENCES, d.licenceId, { $set: { sweepStatus } });
  };

/** The hr module's projection: every event has a handler or an `ignore(reason)`. */
export const hrProjection = defineProjection({
  module: 'hr',
  views: hrViews,
  handlers: {
    StaffOnboarded: async (event, ctx) => {
      const d = event.data;
      const p = await ctx.reveal(event, d.staffId);
      await ctx.write(HR_STAFF, d.staffId, {
        $set: {
          staffId: d.staffId,
          givenName: p['givenName'],
          familyName: p['familyName'],
          department: d.department,
          jobTitle: d.jobTitle,
          practitionerRoles: d.practitionerRoles,
          startDate: d.startDate,
          status: 'active',
          separationDate: null,
          userId: null,
          accessRoles: [],
          leaveBalances: Object.fromEntries(HR_LEAVE_TYPES.map((t) => [t, 0])),
          erased: false,
          licenceIds: [],
          pendingLeave: {},
        },
      });
    },
    StaffSeparated: async ({ data: d }, ctx) => {
      await ctx.write(HR_STAFF, d.staffId, { $set: { status: 'separated', separationDate: d.separationDate } });
    },
    // Crypto-shredding reaches the read model: the names read as erased and the directory drops them.
    StaffPersonalDataErased: async ({ data: d }, ctx) => {
      await ctx.write(HR_STAFF, d.staffId, {
        $set: { erased: true, ...Object.fromEntries(ERASED_FIELDS.map((f) => [f, '[erased]'])) },
      });
    },
    UserLinked: async ({ data: d }, ctx) => {
      await ctx.write(HR_STAFF, d.staffId, { $set: { userId: d.userId } });
    },
    AccessSubjectLinked: ignore('the staff stream’s UserLinked of the same command shows the link'),
    AccessRoleGranted: accessRole('grant'),
    AccessRoleRevoked: accessRole('revoke'),
    LicenceRecorded: async ({ data: d }, ctx) => {
      const staff = await ctx.read(HR_STAFF, d.staffId);
      const held = ((staff?.['licenceIds'] as string[] | undefined) ?? []).filter((id) => id !== d.licenceId);
      await ctx.write(HR_STAFF, d.staffId, { $set: { licenceIds: [...held, d.licenceId] } });
      // The licence number is personal: it stays in the (encrypted) history, not in the lists.
      await ctx.write(HR_LICENCES, d.licenceId, {
        $set: {
          licenceId: d.licenceId,
          staffId: d.staffId,
          qualification: d.qualification,
          issuer: d.issuer,
          validFrom: d.validFrom,
          validTo: d.validTo,
          tracked: true,
          sweepStatus: null,
        },
      });
    },
    LicenceTracked: async ({ data: d }, ctx) => {
      await ctx.write(HR_LICENCES, d.licenceId, { $set: { tracked: true } });
    },
    // The event names its licences: each licence document changes from the event alone.
    LicenceTrackingEnded: async ({ data: d }, ctx) => {
      for (const licenceId of d.licenceIds) await ctx.write(HR_LICENCES, licenceId, { $set: { tracked: false } });
    },
    LicenceExpiringSoon: licenceSwept('expiring_soon'),
    LicenceExpired: licenceSwept('expired'),
    LeaveBalanceCredited: async ({ data: d }, ctx) => {
      await balance(ctx, d.staffId, d.leaveType, d.days);
    },
    LeaveRequested: async ({ data: d }, ctx) => {
      await ctx.write(HR_LEAVE, d.leaveId, {
        $set: {
          leaveId: d.leaveId,
          staffId: d.staffId,
          leaveType: d.leaveType,
          from: d.from,
          to: d.to,
          days: d.days,
          status: 'requested',
          requestedBy: d.requestedBy,
          decidedBy: null,
        },
      });
      const staff = await ctx.read(HR_STAFF, d.staffId);
      await ctx.write(
        HR_STAFF,
        d.staffId,
        { $set: { pendingLeave: { ...pendingOf(staff), [d.leaveId]: { leaveType: d.leaveType, days: d.days } } } },
        { upsert: false },
      );
    },
    LeaveApproved: leaveDecided('approved'),
    LeaveRejected: leaveDecided('rejected'),
    ShiftTypeDefined: async ({ data: d }, ctx) => {
      const { shiftTypeId, name, startTime, endTime, clinical, requiredStaff } = d;
      await ctx.write(HR_SHIFT_TYPES, shiftTypeId, {
        $set: { shiftTypeId, name, startTime, endTime, clinical, requiredStaff },
      });
    },
    ShiftAssigned: async ({ data: d }, ctx) => {
      const { shiftId, staffId, shiftTypeId, wardId, date, startsAt, endsAt, clinical, swapId } = d;
      const hours = (Date.parse(endsAt) - Date.parse(startsAt)) / HOUR_MS;
      await ctx.write(HR_SHIFTS, shiftId, {
        $set: {
          shiftId,
          staffId,
          shiftTypeId,
          wardId,
          date,
          startsAt,
          endsAt,
          hours,
          clinical,
          status: 'assigned',
          swapId,
        },
      });
      await touchStaff(ctx, staffId);
    },
    ShiftUnassigned: async ({ data: d }, ctx) => {
      await touchStaff(ctx, d.staffId);
      // A swapped shift is not ended: the ShiftAssigned of the same approval moves it to its new holder.
      if (d.reason === 'swapped') return;
      const current = await ctx.read(HR_SHIFTS, d.shiftId);
      if (current?.['staffId'] !== d.staffId) return;
      await ctx.write(HR_SHIFTS, d.shiftId, { $set: { status: d.reason } });
    },
    ShiftSwapRequested: async ({ data: d }, ctx) => {
      const { swapId, requesterStaffId, requesterShiftId, counterpartStaffId, counterpartShiftId, requestedBy } = d;
      await ctx.write(HR_SWAPS, swapId, {
        $set: {
          swapId,
          requesterStaffId,
          requesterShiftId,
          counterpartStaffId,
          counterpartShiftId,
          status: 'requested',
          requestedBy,
          decidedBy: null,
        },
      });
    },
    ShiftSwapApproved: swapDecided('approved'),
    ShiftSwapRejected: swapDecided('rejected'),
  },
});
