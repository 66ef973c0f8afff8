import type { HospitalSettingsInForce } from '../hospitals/index.js';
import type { PatientState, PatientStayEvent } from '../patients/index.js';
import { RuleViolation } from '../shared/decider.js';
import type { StayBillingState } from '../shared/stay-billing.js';
import type { BedState } from './bed.js';
import type {
  AddBed,
  AdmitPatient,
  CancelAdmission,
  CancelScheduledDischarge,
  CloseBed,
  DefineWard,
  DischargePatient,
  EndLeave,
  MarkBedClean,
  ReleaseBedReservation,
  ReopenBed,
  RequestAdmission,
  ReserveBed,
  ScheduleDischarge,
  StartLeave,
  SwapBeds,
  TransferPatient,
} from './commands.js';
import type { AdmissionsEvent } from './events.js';
import { ADMISSION_RULES, type AdmissionRule } from './rules.js';
import type { StayState } from './stay.js';
import type { WardState } from './ward.js';

/**
 * The admissions decider: one pure function per command, taking the states of every stream the
 * command loaded and returning the events per stream. The server appends them all in one atomic
 * multi-stream append at the revisions decided on, so a bed and a stay never disagree.
 */

type Events = AdmissionsEvent[];

function violate(rule: AdmissionRule, details: Readonly<Record<string, string | number>> = {}): never {
  throw new RuleViolation(rule, ADMISSION_RULES[rule], details);
}

/** Says who holds the bed (a stay id: no personal data) and what to do, so the desk can act. */
function bedNotFree(bed: BedState): never {
  const holder = bed.stayId
    ? ` (${bed.status.replace('_', ' ')}, held by stay ${bed.stayId})`
    : ` (${bed.status.replace('_', ' ')})`;
  throw new RuleViolation(
    'bed-not-free',
    `${ADMISSION_RULES['bed-not-free'].replace(/\.$/, '')}${holder}; choose a free bed, or discharge or transfer that stay first.`,
    { bedStatus: bed.status, ...(bed.stayId ? { heldByStayId: bed.stayId } : {}) },
  );
}

function requireBed(bed: BedState): void {
  if (bed.status === 'absent') violate('bed-not-found');
}

function requireStay(stay: StayState): void {
  if (stay.status === 'absent') violate('stay-not-found');
}

/** A patient who may be admitted: registered, not merged away, alive. */
function requireAdmissiblePatient(patient: PatientState): void {
  if (!patient.registered) violate('patient-not-found');
  if (patient.mergedInto !== null) violate('patient-voided');
  if (patient.deceased) violate('patient-deceased');
}

export function defineWard(c: DefineWard, ward: WardState): { ward: Events } {
  if (ward.defined) violate('ward-already-defined');
  return {
    ward: [{ type: 'WardDefined', data: { wardId: c.wardId, name: c.name, specialty: c.specialty, definedAt: c.at } }],
  };
}

export function addBed(c: AddBed, bed: BedState, ward: WardState): { bed: Events } {
  if (!ward.defined) violate('ward-not-found');
  if (bed.status !== 'absent') violate('bed-already-exists');
  return { bed: [{ type: 'BedAdded', data: { bedId: c.bedId, wardId: c.wardId, label: c.label, addedAt: c.at } }] };
}

export function closeBed(c: CloseBed, bed: BedState): { bed: Events } {
  requireBed(bed);
  if (bed.status === 'closed') violate('bed-already-closed');
  if (bed.status === 'reserved' || bed.status === 'occupied') violate('bed-in-use');
  return { bed: [{ type: 'BedClosed', data: { bedId: c.bedId, reason: c.reason, closedAt: c.at } }] };
}

export function reopenBed(c: ReopenBed, bed: BedState): { bed: Events } {
  requireBed(bed);
  if (bed.status !== 'closed') violate('bed-not-closed');
  return { bed: [{ type: 'BedReopened', data: { bedId: c.bedId, reopenedAt: c.at } }] };
}

export function markBedClean(c: MarkBedClean, bed: BedState): { bed: Events } {
  requireBed(bed);
  if (bed.status !== 'to_clean') violate('bed-not-to-clean');
  return { bed: [{ type: 'BedCleaned', data: { bedId: c.bedId, cleanedAt: c.at } }] };
}

/** Opens the stay on the patient stream too: one active stay per patient, and merges see it. */
export function requestAdmission(
  c: RequestAdmission,
  stay: StayState,
  patient: PatientState,
  ward: WardState,
): { stay: Events; patient: PatientStayEvent[] } {
  if (stay.status !== 'absent') violate('stay-not-planned');
  requireAdmissiblePatient(patient);
  if (patient.activeStayIds.length > 0) violate('patient-has-active-stay');
  if (!ward.defined) violate('ward-not-found');
  return {
    stay: [
      {
        type: 'AdmissionRequested',
        data: { stayId: c.stayId, patientId: c.patientId, wardId: c.wardId, reason: c.reason, requestedAt: c.at },
      },
    ],
    patient: [{ type: 'StayOpened', data: { patientId: c.patientId, stayId: c.stayId, openedAt: c.at } }],
  };
}

export function reserveBed(c: ReserveBed, stay: StayState, bed: BedState): { stay: Events; bed: Events } {
  requireStay(stay);
  if (stay.status !== 'planned') violate('stay-not-planned');
  if (stay.reservedBedId !== null) violate('stay-already-has-reservation');
  requireBed(bed);
  if (bed.status !== 'free') bedNotFree(bed);
  const patientId = stay.patientId ?? '';
  return {
    stay: [
      {
        type: 'BedReservedForStay',
        data: { stayId: c.stayId, patientId, bedId: c.bedId, wardId: bed.wardId ?? '', reservedAt: c.at },
      },
    ],
    bed: [{ type: 'BedReserved', data: { bedId: c.bedId, stayId: c.stayId, patientId, reservedAt: c.at } }],
  };
}

export function releaseBedReservation(
  c: ReleaseBedReservation,
  stay: StayState,
  bed: BedState,
): { stay: Events; bed: Events } {
  requireStay(stay);
  if (stay.reservedBedId !== c.bedId || bed.stayId !== c.stayId) violate('no-reservation-on-bed');
  return {
    stay: [
      {
        type: 'StayReservationReleased',
        data: { stayId: c.stayId, patientId: stay.patientId ?? '', bedId: c.bedId, releasedAt: c.at },
      },
    ],
    bed: [{ type: 'BedReservationReleased', data: { bedId: c.bedId, stayId: c.stayId, releasedAt: c.at } }],
  };
}

export function admitPatient(
  c: AdmitPatient,
  stay: StayState,
  bed: BedState,
  patient: PatientState,
): { stay: Events; bed: Events } {
  requireStay(stay);
  if (stay.status !== 'planned') violate('stay-not-planned');
  if (stay.patientId !== c.patientId) violate('wrong-patient-for-stay');
  // The patient may have died since the request; a merge cannot happen while the stay is open.
  requireAdmissiblePatient(patient);
  if (stay.reservedBedId !== null && stay.reservedBedId !== c.bedId) violate('stay-reserved-another-bed');
  requireBed(bed);
  if (bed.status === 'reserved' && bed.stayId !== c.stayId) violate('bed-reserved-for-another-stay');
  if (bed.status !== 'free' && bed.status !== 'reserved') bedNotFree(bed);
  const wardId = bed.wardId ?? '';
  return {
    stay: [
      {
        type: 'PatientAdmitted',
        data: { stayId: c.stayId, patientId: c.patientId, bedId: c.bedId, wardId, admittedAt: c.at },
      },
    ],
    bed: [
      { type: 'BedOccupied', data: { bedId: c.bedId, stayId: c.stayId, patientId: c.patientId, occupiedAt: c.at } },
    ],
  };
}

/** The old bed is vacated and goes to cleaning, like any bed a patient leaves. */
export function transferPatient(
  c: TransferPatient,
  stay: StayState,
  fromBed: BedState,
  toBed: BedState,
): { stay: Events; fromBed: Events; toBed: Events } {
  requireStay(stay);
  if (stay.status !== 'in_progress') violate('stay-not-in-progress');
  if (c.fromBedId === c.toBedId) violate('same-bed');
  if (stay.bedId !== c.fromBedId || fromBed.stayId !== c.stayId) violate('wrong-bed-for-stay');
  requireBed(toBed);
  if (toBed.status !== 'free') bedNotFree(toBed);
  const patientId = stay.patientId ?? '';
  return {
    stay: [
      {
        type: 'PatientTransferred',
        data: {
          stayId: c.stayId,
          patientId,
          fromBedId: c.fromBedId,
          toBedId: c.toBedId,
          toWardId: toBed.wardId ?? '',
          swappedWithStayId: null,
          transferredAt: c.at,
        },
      },
    ],
    fromBed: [
      { type: 'BedVacated', data: { bedId: c.fromBedId, stayId: c.stayId, cause: 'transfer', vacatedAt: c.at } },
    ],
    toBed: [{ type: 'BedOccupied', data: { bedId: c.toBedId, stayId: c.stayId, patientId, occupiedAt: c.at } }],
  };
}

/** Both beds stay occupied throughout: nobody is ever without a bed, no bed ever holds two. */
export function swapBeds(
  c: SwapBeds,
  firstStay: StayState,
  secondStay: StayState,
  firstBed: BedState,
  secondBed: BedState,
): { firstStay: Events; secondStay: Events; firstBed: Events; secondBed: Events } {
  if (c.firstStayId === c.secondStayId) violate('swap-with-self');
  requireStay(firstStay);
  requireStay(secondStay);
  if (firstStay.status !== 'in_progress' || secondStay.status !== 'in_progress') violate('stay-not-in-progress');
  if (firstStay.bedId !== c.firstBedId || firstBed.stayId !== c.firstStayId) violate('wrong-bed-for-stay');
  if (secondStay.bedId !== c.secondBedId || secondBed.stayId !== c.secondStayId) violate('wrong-bed-for-stay');
  const moved = (
    stayId: string,
    patientId: string,
    fromBedId: string,
    toBedId: string,
    toWardId: string,
    otherStayId: string,
  ): Events => [
    {
      type: 'PatientTransferred',
      data: { stayId, patientId, fromBedId, toBedId, toWardId, swappedWithStayId: otherStayId, transferredAt: c.at },
    },
  ];
  const firstPatient = firstStay.patientId ?? '';
  const secondPatient = secondStay.patientId ?? '';
  return {
    firstStay: moved(c.firstStayId, firstPatient, c.firstBedId, c.secondBedId, secondBed.wardId ?? '', c.secondStayId),
    secondStay: moved(c.secondStayId, secondPatient, c.secondBedId, c.firstBedId, firstBed.wardId ?? '', c.firstStayId),
    firstBed: [
      {
        type: 'BedOccupantSwapped',
        data: {
          bedId: c.firstBedId,
          stayId: c.secondStayId,
          patientId: secondPatient,
          previousStayId: c.firstStayId,
          swappedAt: c.at,
        },
      },
    ],
    secondBed: [
      {
        type: 'BedOccupantSwapped',
        data: {
          bedId: c.secondBedId,
          stayId: c.firstStayId,
          patientId: firstPatient,
          previousStayId: c.secondStayId,
          swappedAt: c.at,
        },
      },
    ],
  };
}

export function startLeave(c: StartLeave, stay: StayState): { stay: Events } {
  requireStay(stay);
  if (stay.status !== 'in_progress') violate('stay-not-in-progress');
  return {
    stay: [
      {
        type: 'LeaveStarted',
        data: {
          stayId: c.stayId,
          patientId: stay.patientId ?? '',
          expectedReturnAt: c.expectedReturnAt,
          startedAt: c.at,
        },
      },
    ],
  };
}

export function endLeave(c: EndLeave, stay: StayState): { stay: Events } {
  requireStay(stay);
  if (stay.status !== 'on_leave') violate('stay-not-on-leave');
  return { stay: [{ type: 'LeaveEnded', data: { stayId: c.stayId, patientId: stay.patientId ?? '', endedAt: c.at } }] };
}

export function scheduleDischarge(c: ScheduleDischarge, stay: StayState): { stay: Events } {
  requireStay(stay);
  if (stay.status !== 'in_progress' && stay.status !== 'on_leave') violate('stay-not-admitted');
  return {
    stay: [
      {
        type: 'DischargeScheduled',
        data: { stayId: c.stayId, patientId: stay.patientId ?? '', plannedFor: c.plannedFor, scheduledAt: c.at },
      },
    ],
  };
}

export function cancelScheduledDischarge(c: CancelScheduledDischarge, stay: StayState): { stay: Events } {
  requireStay(stay);
  if (stay.status !== 'in_progress' && stay.status !== 'on_leave') violate('stay-not-admitted');
  if (stay.dischargePlannedFor === null) violate('no-discharge-scheduled');
  return {
    stay: [
      {
        type: 'ScheduledDischargeCancelled',
        data: { stayId: c.stayId, patientId: stay.patientId ?? '', cancelledAt: c.at },
      },
    ],
  };
}

/**
 * The bed is released here and only here, and goes to cleaning; the patient's stay is closed. A
 * patient on leave is discharged only for death (otherwise the leave is ended first).
 *
 * Discharge guard: while the stay's billing account has unbilled charges, the hospital's policy
 * in force at the discharge decides — `refuse` (the default) refuses it, `warn` and `allow` let
 * it through; the event records how many were unbilled either way. A death is never refused: the
 * stay of a patient who died must end (the discharge-on-death process manager sends it), and the
 * account is billed afterwards like any charge captured at or after a discharge.
 */
export function dischargePatient(
  c: DischargePatient,
  stay: StayState,
  bed: BedState,
  billing: StayBillingState,
  settings: HospitalSettingsInForce,
): { stay: Events; bed: Events; patient: PatientStayEvent[] } {
  requireStay(stay);
  // A patient who died while on leave is not coming back to end it: the stay ends from leave.
  const diedOnLeave = stay.status === 'on_leave' && c.reason === 'death';
  if (stay.status === 'on_leave' && !diedOnLeave) violate('patient-on-leave');
  if (stay.status !== 'in_progress' && !diedOnLeave) violate('stay-not-in-progress');
  if (stay.patientId !== c.patientId) violate('wrong-patient-for-stay');
  if (stay.bedId !== c.bedId || bed.stayId !== c.stayId) violate('wrong-bed-for-stay');
  const unbilledCharges = billing.unbilledChargeIds.length;
  if (unbilledCharges > 0 && c.reason !== 'death' && settings.dischargeWithUnbilledCharges === 'refuse') {
    violate('discharge-with-unbilled-charges', { unbilledCharges, accountId: c.stayId });
  }
  return {
    stay: [
      {
        type: 'PatientDischarged',
        data: {
          stayId: c.stayId,
          patientId: c.patientId,
          bedId: c.bedId,
          reason: c.reason,
          disposition: c.disposition,
          dischargedAt: c.at,
          unbilledCharges,
        },
      },
    ],
    bed: [{ type: 'BedVacated', data: { bedId: c.bedId, stayId: c.stayId, cause: 'discharge', vacatedAt: c.at } }],
    patient: [
      { type: 'StayClosed', data: { patientId: c.patientId, stayId: c.stayId, outcome: 'discharged', closedAt: c.at } },
    ],
  };
}

/** Only a planned stay is cancelled (FHIR: "ended before it has begun"); an admitted one is discharged. */
export function cancelAdmission(
  c: CancelAdmission,
  stay: StayState,
  reservedBed: BedState | null,
): { stay: Events; patient: PatientStayEvent[]; reservedBed: Events } {
  requireStay(stay);
  if (stay.status !== 'planned') violate('stay-not-planned');
  if (stay.patientId !== c.patientId) violate('wrong-patient-for-stay');
  if (stay.reservedBedId !== c.reservedBedId) violate('reserved-bed-not-named');
  const release: Events =
    c.reservedBedId !== null && reservedBed?.stayId === c.stayId
      ? [{ type: 'BedReservationReleased', data: { bedId: c.reservedBedId, stayId: c.stayId, releasedAt: c.at } }]
      : [];
  return {
    stay: [
      {
        type: 'AdmissionCancelled',
        data: { stayId: c.stayId, patientId: c.patientId, reason: c.reason, cancelledAt: c.at },
      },
    ],
    patient: [
      { type: 'StayClosed', data: { patientId: c.patientId, stayId: c.stayId, outcome: 'cancelled', closedAt: c.at } },
    ],
    reservedBed: release,
  };
}
