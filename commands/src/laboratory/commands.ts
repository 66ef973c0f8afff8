import type { CodedValue, Priority, ReferenceRange, ResultKind, Section, SpecimenType } from './catalogue.js';
import type { LaboratoryEventNamed } from './events.js';

/** The laboratory module's commands as deciders see them: ids, actors and times already chosen at the edge. */

export interface DefineTest {
  readonly type: 'DefineTest';
  readonly testCode: string;
  readonly name: string;
  readonly section: Section;
  readonly specimenType: SpecimenType;
  readonly resultKind: ResultKind;
  readonly unit: string | null;
  readonly codedValues: readonly CodedValue[];
  readonly turnaroundMinutes: Readonly<Record<Priority, number | null>>;
  readonly at: string;
}
export interface SetReferenceRanges {
  readonly type: 'SetReferenceRanges';
  readonly testCode: string;
  readonly ranges: readonly ReferenceRange[];
  readonly at: string;
}
export interface DefinePanel {
  readonly type: 'DefinePanel';
  readonly panelCode: string;
  readonly name: string;
  readonly testCodes: readonly string[];
  readonly at: string;
}
export interface OrderTests {
  readonly type: 'OrderTests';
  readonly orderId: string;
  readonly patientId: string;
  /** Exactly one of testCode and panelCode is set. */
  readonly testCode: string | null;
  readonly panelCode: string | null;
  readonly priority: Priority;
  readonly orderingPractitionerId: string;
  readonly wardId: string | null;
  readonly at: string;
}
export interface CancelOrder {
  readonly type: 'CancelOrder';
  readonly orderId: string;
  readonly reason: LaboratoryEventNamed<'LabOrderCancelled'>['data']['reason'];
  readonly at: string;
}
export interface CollectSpecimen {
  readonly type: 'CollectSpecimen';
  readonly orderId: string;
  readonly specimenId: string;
  readonly by: string;
  readonly at: string;
}
export interface ReceiveSpecimen {
  readonly type: 'ReceiveSpecimen';
  readonly orderId: string;
  /** As scanned from the label; null: the order's current specimen. */
  readonly accessionNumber: string | null;
  readonly at: string;
}
export interface RejectSpecimen {
  readonly type: 'RejectSpecimen';
  readonly orderId: string;
  readonly accessionNumber: string | null;
  readonly reason: LaboratoryEventNamed<'LabSpecimenRejected'>['data']['reason'];
  readonly note: string | null;
  readonly at: string;
}
/** A value as the client sends it: one of the three, by the test's result kind. */
export interface EnteredValue {
  readonly valueNumber: number | null;
  readonly valueCode: string | null;
  readonly valueText: string | null;
  readonly unit: string | null;
}
export interface RecordResult extends EnteredValue {
  readonly type: 'RecordResult';
  readonly orderId: string;
  readonly testCode: string;
  readonly comment: string | null;
  readonly by: string;
  readonly at: string;
}
export interface AcknowledgeCriticalResult {
  readonly type: 'AcknowledgeCriticalResult';
  readonly orderId: string;
  readonly testCode: string;
  readonly notifiedPerson: string;
  readonly notifiedAt: string;
  readonly readBack: boolean;
  readonly by: string;
  readonly at: string;
}
export interface VerifyResult {
  readonly type: 'VerifyResult';
  readonly orderId: string;
  readonly testCode: string;
  readonly by: string;
  readonly at: string;
}
export interface AmendResult extends EnteredValue {
  readonly type: 'AmendResult';
  readonly orderId: string;
  readonly testCode: string;
  readonly kind: 'amended' | 'corrected';
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}
export interface ReferTest {
  readonly type: 'ReferTest';
  readonly orderId: string;
  readonly testCode: string;
  readonly laboratory: string;
  readonly at: string;
}
export interface EraseLabPatientData {
  readonly type: 'EraseLabPatientData';
  readonly patientId: string;
  readonly at: string;
}
