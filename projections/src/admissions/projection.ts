import type { Document } from '@chartline/infra';
import type { BedStatus } from '@chartline/kernel';
import { dataOf } from '../runtime/event-data.js';
import { applyOnce } from '../runtime/guard.js';
import type { Handler, ProjectedEvent, Projection, ProjectionContext } from '../runtime/projection.js';
import { admissionDocId, admissionViews, BED_BOARD, STAYS, WARDS } from './views.js';

async function write(
  ctx: ProjectionContext,
  view: string,
  event: ProjectedEvent,
  id: string,
  key: Document,
  update: Document,
) {
  const $set = { hospitalId: event.hospitalId, ...key, ...((update.$set as Document) ?? {}) };
  await applyOnce(ctx.view(view), admissionDocId(event.hospitalId, id), event.position, { ...update, $set });
}

type Holder = { readonly stayId: string; readonly patientId: string };

/** A bed's new status and who (if anyone) holds it; `since` is when the status began. */
const bed =
  (status: BedStatus, holderOf?: (event: ProjectedEvent) => Holder): Handler =>
  async (event, ctx) => {
    const bedId = (event.data as { bedId: string }).bedId;
    const holder = holderOf?.(event);
    await write(
      ctx,
      BED_BOARD,
      event,
      bedId,
      { bedId },
      {
        $set: { status, stayId: holder?.stayId ?? null, patientId: holder?.patientId ?? null, since: event.occurredAt },
      },
    );
  };

const stay =
  (event: ProjectedEvent, stayId: string, set: Document, extra: Document = {}) =>
  (ctx: ProjectionContext) =>
    write(ctx, STAYS, event, stayId, { stayId }, { $set: set, ...extra });

export const admissionsProjection: Projection = {
  module: 'admissions',
  views: admissionViews,
  handlers: {
    WardDefined: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'WardDefined');
      await write(
        ctx,
        WARDS,
        event,
        d.wardId,
        { wardId: d.wardId },
        {
          $set: { name: d.name, specialty: d.specialty ?? null, definedAt: d.definedAt },
        },
      );
    },
    BedAdded: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'BedAdded');
      await write(
        ctx,
        BED_BOARD,
        event,
        d.bedId,
        { bedId: d.bedId },
        {
          $set: { wardId: d.wardId, label: d.label, status: 'free', stayId: null, patientId: null, since: d.addedAt },
        },
      );
    },
    BedClosed: bed('closed'),
    BedReopened: bed('free'),
    BedReserved: bed('reserved', (e) => dataOf(e, 'admissions', 'BedReserved')),
    BedReservationReleased: bed('free'),
    BedOccupied: bed('occupied', (e) => dataOf(e, 'admissions', 'BedOccupied')),
    BedOccupantSwapped: bed('occupied', (e) => dataOf(e, 'admissions', 'BedOccupantSwapped')),
    BedVacated: bed('to_clean'),
    BedCleaned: bed('free'),

    AdmissionRequested: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'AdmissionRequested');
      // The reason is clinical free text (personal): the stay history leaves it to the audit trail.
      await stay(event, d.stayId, {
        patientId: d.patientId,
        wardId: d.wardId,
        bedId: null,
        reservedBedId: null,
        status: 'planned',
        requestedAt: d.requestedAt,
        admittedAt: null,
        plannedDischargeAt: null,
        leave: null,
        dischargedAt: null,
        dischargeReason: null,
        disposition: null,
        cancelledAt: null,
        cancellationReason: null,
        transfers: [],
      })(ctx);
    },
    BedReservedForStay: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'BedReservedForStay');
      await stay(event, d.stayId, { reservedBedId: d.bedId, wardId: d.wardId })(ctx);
    },
    StayReservationReleased: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'StayReservationReleased');
      await stay(event, d.stayId, { reservedBedId: null })(ctx);
    },
    PatientAdmitted: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'PatientAdmitted');
      await stay(event, d.stayId, {
        patientId: d.patientId,
        status: 'in_progress',
        bedId: d.bedId,
        wardId: d.wardId,
        reservedBedId: null,
        admittedAt: d.admittedAt,
      })(ctx);
    },
    PatientTransferred: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'PatientTransferred');
      const transfer = {
        fromBedId: d.fromBedId,
        toBedId: d.toBedId,
        toWardId: d.toWardId,
        swappedWithStayId: d.swappedWithStayId ?? null,
        transferredAt: d.transferredAt,
      };
      await stay(event, d.stayId, { bedId: d.toBedId, wardId: d.toWardId }, { $push: { transfers: transfer } })(ctx);
    },
    LeaveStarted: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'LeaveStarted');
      const leave = { startedAt: d.startedAt, expectedReturnAt: d.expectedReturnAt ?? null };
      await stay(event, d.stayId, { status: 'on_leave', leave })(ctx);
    },
    LeaveEnded: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'LeaveEnded');
      await stay(event, d.stayId, { status: 'in_progress', leave: null })(ctx);
    },
    DischargeScheduled: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'DischargeScheduled');
      await stay(event, d.stayId, { plannedDischargeAt: d.plannedFor })(ctx);
    },
    ScheduledDischargeCancelled: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'ScheduledDischargeCancelled');
      await stay(event, d.stayId, { plannedDischargeAt: null })(ctx);
    },
    PatientDischarged: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'PatientDischarged');
      await stay(event, d.stayId, {
        status: 'finished',
        bedId: d.bedId,
        leave: null,
        plannedDischargeAt: null,
        dischargedAt: d.dischargedAt,
        dischargeReason: d.reason,
        disposition: d.disposition ?? null,
      })(ctx);
    },
    AdmissionCancelled: async (event, ctx) => {
      const d = dataOf(event, 'admissions', 'AdmissionCancelled');
      await stay(event, d.stayId, {
        status: 'cancelled',
        reservedBedId: null,
        cancelledAt: d.cancelledAt,
        cancellationReason: d.reason ?? null,
      })(ctx);
    },
  },
};
