import { AdmissionCancelled } from './admission-cancelled.js';
import { AdmissionRequested } from './admission-requested.js';
import { BedAdded } from './bed-added.js';
import { BedCleaned } from './bed-cleaned.js';
import { BedClosed } from './bed-closed.js';
import { BedOccupantSwapped } from './bed-occupant-swapped.js';
import { BedOccupied } from './bed-occupied.js';
import { BedReopened } from './bed-reopened.js';
import { BedReservationReleased } from './bed-reservation-released.js';
import { BedReserved } from './bed-reserved.js';
import { BedReservedForStay } from './bed-reserved-for-stay.js';
import { BedVacated } from './bed-vacated.js';
import { DischargeScheduled } from './discharge-scheduled.js';
import { LeaveEnded } from './leave-ended.js';
import { LeaveStarted } from './leave-started.js';
import { PatientAdmitted } from './patient-admitted.js';
import { PatientDischarged } from './patient-discharged.js';
import { PatientTransferred } from './patient-transferred.js';
import { ScheduledDischargeCancelled } from './scheduled-discharge-cancelled.js';
import { StayClosed } from './stay-closed.js';
import { StayOpened } from './stay-opened.js';
import { StayReservationReleased } from './stay-reservation-released.js';
import { WardDefined } from './ward-defined.js';

export {
  AdmissionCancelled,
  AdmissionRequested,
  BedAdded,
  BedCleaned,
  BedClosed,
  BedOccupantSwapped,
  BedOccupied,
  BedReopened,
  BedReservationReleased,
  BedReserved,
  BedReservedForStay,
  BedVacated,
  DischargeScheduled,
  LeaveEnded,
  LeaveStarted,
  PatientAdmitted,
  PatientDischarged,
  PatientTransferred,
  ScheduledDischargeCancelled,
  StayClosed,
  StayOpened,
  StayReservationReleased,
  WardDefined,
};

/** The admissions module's event definitions. */
export const admissionsEvents = [
  WardDefined,
  BedAdded,
  BedClosed,
  BedReopened,
  BedReserved,
  BedReservationReleased,
  BedOccupied,
  BedVacated,
  BedOccupantSwapped,
  BedCleaned,
  AdmissionRequested,
  BedReservedForStay,
  StayReservationReleased,
  PatientAdmitted,
  PatientTransferred,
  LeaveStarted,
  LeaveEnded,
  DischargeScheduled,
  ScheduledDischargeCancelled,
  PatientDischarged,
  AdmissionCancelled,
  StayOpened,
  StayClosed,
] as const;
