/** The commands of the admissions module, as deciders see them: ids and times already chosen at the edge. */

export interface DefineWard {
  readonly type: 'DefineWard';
  readonly wardId: string;
  readonly name: string;
  readonly specialty: 'medical' | 'surgical' | 'intensive_care' | 'maternity' | 'paediatric' | 'psychiatric' | 'other';
  readonly at: string;
}
export interface AddBed {
  readonly type: 'AddBed';
  readonly bedId: string;
  readonly wardId: string;
  readonly label: string;
  readonly at: string;
}
export interface CloseBed {
  readonly type: 'CloseBed';
  readonly bedId: string;
  readonly reason: 'maintenance' | 'infection_control' | 'staffing' | 'other';
  readonly at: string;
}
export interface ReopenBed {
  readonly type: 'ReopenBed';
  readonly bedId: string;
  readonly at: string;
}
export interface MarkBedClean {
  readonly type: 'MarkBedClean';
  readonly bedId: string;
  readonly at: string;
}
export interface RequestAdmission {
  readonly type: 'RequestAdmission';
  readonly stayId: string;
  readonly patientId: string;
  readonly wardId: string;
  readonly reason: string | null;
  readonly at: string;
}
export interface ReserveBed {
  readonly type: 'ReserveBed';
  readonly stayId: string;
  readonly bedId: string;
  readonly at: string;
}
export interface ReleaseBedReservation {
  readonly type: 'ReleaseBedReservation';
  readonly stayId: string;
  readonly bedId: string;
  readonly at: string;
}
export interface AdmitPatient {
  readonly type: 'AdmitPatient';
  readonly stayId: string;
  readonly patientId: string;
  readonly bedId: string;
  readonly at: string;
}
export interface TransferPatient {
  readonly type: 'TransferPatient';
  readonly stayId: string;
  readonly fromBedId: string;
  readonly toBedId: string;
  readonly at: string;
}
export interface SwapBeds {
  readonly type: 'SwapBeds';
  readonly firstStayId: string;
  readonly firstBedId: string;
  readonly secondStayId: string;
  readonly secondBedId: string;
  readonly at: string;
}
export interface StartLeave {
  readonly type: 'StartLeave';
  readonly stayId: string;
  readonly expectedReturnAt: string | null;
  readonly at: string;
}
export interface EndLeave {
  readonly type: 'EndLeave';
  readonly stayId: string;
  readonly at: string;
}
export interface ScheduleDischarge {
  readonly type: 'ScheduleDischarge';
  readonly stayId: string;
  readonly plannedFor: string;
  readonly at: string;
}
export interface CancelScheduledDischarge {
  readonly type: 'CancelScheduledDischarge';
  readonly stayId: string;
  readonly at: string;
}
export interface DischargePatient {
  readonly type: 'DischargePatient';
  readonly stayId: string;
  readonly patientId: string;
  readonly bedId: string;
  readonly reason: 'home' | 'transfer' | 'death' | 'against_advice';
  readonly disposition:
    | 'home'
    | 'alt_home'
    | 'other_hcf'
    | 'hosp'
    | 'long'
    | 'aadvice'
    | 'exp'
    | 'psy'
    | 'rehab'
    | 'snf'
    | 'oth';
  readonly at: string;
}
export interface CancelAdmission {
  readonly type: 'CancelAdmission';
  readonly stayId: string;
  readonly patientId: string;
  /** The bed reserved for the stay, if any: its stream must be loaded to release it. */
  readonly reservedBedId: string | null;
  readonly reason: 'entered_in_error' | 'patient_declined' | 'no_longer_needed' | 'other';
  readonly at: string;
}

export type AdmissionsCommand =
  | DefineWard
  | AddBed
  | CloseBed
  | ReopenBed
  | MarkBedClean
  | RequestAdmission
  | ReserveBed
  | ReleaseBedReservation
  | AdmitPatient
  | TransferPatient
  | SwapBeds
  | StartLeave
  | EndLeave
  | ScheduleDischarge
  | CancelScheduledDischarge
  | DischargePatient
  | CancelAdmission;
