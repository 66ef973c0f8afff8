import type { Document } from '@chartline/infra';
import type { BedStatus } from '@chartline/kernel';
import { defineProjection, type HandlerOf } from '../runtime/define-projection.js';
import type { EventNameOf } from '../runtime/event-data.js';
import type { ProjectionContext } from '../runtime/projection.js';
import { admissionViews, BED_BOARD, STAYS, WARDS } from './views.js';

type Admissions = 'admissions';
type View = typeof BED_BOARD | typeof STAYS | typeof WARDS;
type Handler<N extends EventNameOf<Admissions>> = HandlerOf<Admissions, N, View>;

/** Bed events that hand the bed to a stay. */
type Holding = 'BedReserved' | 'BedOccupied' | 'BedOccupantSwapped';
/** Bed events after which nobody holds the bed. */
type Releasing = 'BedClosed' | 'BedReopened' | 'BedReservationReleased' | 'BedVacated' | 'BedCleaned';

/** A bed's new status and who (if anyone) holds it; `since` is when the status began. */
const bed =
  <N extends Holding | Releasing>(status: BedStatus): Handler<N> =>
  async (event, ctx) => {
    const d = event.data as { bedId: string; stayId?: string; patientId?: string };
    const holds = status === 'reserved' || status === 'occupied';
    await ctx.write(BED_BOARD, d.bedId, {
      $set: {
        bedId: d.bedId,
        status,
        stayId: holds ? (d.stayId ?? null) : null,
        patientId: holds ? (d.patientId ?? null) : null,
        since: event.occurredAt,
      },
    });
  };

const stay = (ctx: ProjectionContext<View>, stayId: string, set: Document, extra: Document = {}) =>
  ctx.write(STAYS, stayId, { $set: { stayId, ...set }, ...extra });

export const admissionsProjection = defineProjection({
  module: 'admissions',
  views: admissionViews,
  handlers: {
    WardDefined: async ({ data: d }, ctx) => {
      await ctx.write(WARDS, d.wardId, {
        $set: { wardId: d.wardId, name: d.name, specialty: d.specialty ?? null, definedAt: d.definedAt },
      });
    },
    BedAdded: async ({ data: d }, ctx) => {
      await ctx.write(BED_BOARD, d.bedId, {
        $set: {
          bedId: d.bedId,
          wardId: d.wardId,
          label: d.label,
          status: 'free',
          stayId: null,
          patientId: null,
          since: d.addedAt,
        },
      });
    },
    BedClosed: bed('closed'),
    BedReopened: bed('free'),
    BedReserved: bed('reserved'),
    BedReservationReleased: bed('free'),
    BedOccupied: bed('occupied'),
    BedOccupantSwapped: bed('occupied'),
    BedVacated: bed('to_clean'),
    BedCleaned: bed('free'),

    AdmissionRequested: async ({ data: d }, ctx) => {
      // The reason is clinical free text (personal): the stay history leaves it to the audit trail.
      await stay(ctx, d.stayId, {
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
      });
    },
    BedReservedForStay: async ({ data: d }, ctx) => {
      await stay(ctx, d.stayId, { reservedBedId: d.bedId, wardId: d.wardId });
    },
    StayReservationReleased: async ({ data: d }, ctx) => {
      await stay(ctx, d.stayId, { reservedBedId: null });
    },
    PatientAdmitted: async ({ data: d }, ctx) => {
      await stay(ctx, d.stayId, {
        patientId: d.patientId,
        status: 'in_progress',
        bedId: d.bedId,
        wardId: d.wardId,
        reservedBedId: null,
        admittedAt: d.admittedAt,
      });
    },
    PatientTransferred: async ({ data: d }, ctx) => {
      const transfer = {
        fromBedId: d.fromBedId,
        toBedId: d.toBedId,
        toWardId: d.toWardId,
        swappedWithStayId: d.swappedWithStayId ?? null,
        transferredAt: d.transferredAt,
      };
      await stay(ctx, d.stayId, { bedId: d.toBedId, wardId: d.toWardId }, { $push: { transfers: transfer } });
    },
    LeaveStarted: async ({ data: d }, ctx) => {
      const leave = { startedAt: d.startedAt, expectedReturnAt: d.expectedReturnAt ?? null };
      await stay(ctx, d.stayId, { status: 'on_leave', leave });
    },
    LeaveEnded: async ({ data: d }, ctx) => {
      await stay(ctx, d.stayId, { status: 'in_progress', leave: null });
    },
    DischargeScheduled: async ({ data: d }, ctx) => {
      await stay(ctx, d.stayId, { plannedDischargeAt: d.plannedFor });
    },
    ScheduledDischargeCancelled: async ({ data: d }, ctx) => {
      await stay(ctx, d.stayId, { plannedDischargeAt: null });
    },
    PatientDischarged: async ({ data: d }, ctx) => {
      await stay(ctx, d.stayId, {
        status: 'finished',
        bedId: d.bedId,
        leave: null,
        plannedDischargeAt: null,
        dischargedAt: d.dischargedAt,
        dischargeReason: d.reason,
        disposition: d.disposition ?? null,
      });
    },
    AdmissionCancelled: async ({ data: d }, ctx) => {
      await stay(ctx, d.stayId, {
        status: 'cancelled',
        reservedBedId: null,
        cancelledAt: d.cancelledAt,
        cancellationReason: d.reason ?? null,
      });
    },
    // Written to the patient stream (one active stay per patient): the stay records that stream's
    // revision, so the read API can give the patient's current revision (the patients projector
    // never sees these events). Never creates a stay: its own first event always comes first.
    StayOpened: async (event, ctx) => {
      await ctx.write(STAYS, event.data.stayId, { $set: { patientRevision: event.revision } }, { upsert: false });
    },
    StayClosed: async (event, ctx) => {
      await ctx.write(STAYS, event.data.stayId, { $set: { patientRevision: event.revision } }, { upsert: false });
    },
  },
});
