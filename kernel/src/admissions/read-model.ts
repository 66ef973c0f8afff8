import type { ModuleEventData } from '@chartline/events';
import type { ReadModelDocument, RevisionedDocument } from '../read-model.js';

type Discharge = ModuleEventData<'admissions', 'PatientDischarged'>;

/**
 * The admissions module's read models, as its projection writes them and its read routes read
 * them: one document per bed, per stay and per ward. The census is not stored: the read API counts
 * beds and stays per ward at query time, so it can never drift from the bed board.
 */
export const ADMISSIONS_VIEWS = { bedBoard: 'bed_board', stays: 'stays', wards: 'wards' } as const;
export const BED_BOARD = ADMISSIONS_VIEWS.bedBoard;
export const STAYS = ADMISSIONS_VIEWS.stays;
export const WARDS = ADMISSIONS_VIEWS.wards;

/** A bed is free, reserved, occupied, to be cleaned (after a discharge) or closed. */
export const BED_STATUSES = ['free', 'reserved', 'occupied', 'to_clean', 'closed'] as const;
export type BedStatus = (typeof BED_STATUSES)[number];

/** A stay's status, after FHIR Encounter.status. */
export const STAY_STATUSES = ['planned', 'in_progress', 'on_leave', 'finished', 'cancelled'] as const;
export type StayStatus = (typeof STAY_STATUSES)[number];
/** Stays whose patient is an inpatient now (counted in the census by their current ward). */
export const ACTIVE_STAY_STATUSES = ['in_progress', 'on_leave'] as const satisfies readonly StayStatus[];

/** `revision`: the bed stream's. */
export interface BedBoardDocument extends ReadModelDocument, RevisionedDocument {
  readonly bedId: string;
  readonly wardId: string;
  readonly label: string;
  readonly status: BedStatus;
  /** The stay holding the bed (reserved or occupied), else null. */
  readonly stayId: string | null;
  readonly patientId: string | null;
  /** When the current status began. */
  readonly since: string;
}

export interface StayTransfer {
  readonly fromBedId: string;
  readonly toBedId: string;
  readonly toWardId: string;
  readonly swappedWithStayId: string | null;
  readonly transferredAt: string;
}

/**
 * `revision`: the stay stream's. `patientRevision`: the patient stream's revision at the stay's
 * last StayOpened/StayClosed (admissions events on the patient stream), bookkeeping for the
 * patient summary's revision.
 */
export interface StayDocument extends ReadModelDocument, RevisionedDocument {
  readonly patientRevision?: number;
  readonly stayId: string;
  readonly patientId: string;
  readonly wardId: string | null;
  readonly bedId: string | null;
  readonly reservedBedId: string | null;
  readonly status: StayStatus;
  readonly requestedAt: string;
  readonly admittedAt: string | null;
  readonly plannedDischargeAt: string | null;
  readonly leave: { readonly startedAt: string; readonly expectedReturnAt: string | null } | null;
  readonly dischargedAt: string | null;
  readonly dischargeReason: Discharge['reason'] | null;
  readonly disposition: Discharge['disposition'] | null;
  readonly cancelledAt: string | null;
  readonly cancellationReason: string | null;
  readonly transfers: readonly StayTransfer[];
}

/** `revision`: the ward stream's. */
export interface WardDocument extends ReadModelDocument, RevisionedDocument {
  readonly wardId: string;
  readonly name: string;
  readonly specialty: string | null;
  readonly definedAt: string;
}
