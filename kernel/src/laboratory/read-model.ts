import type { ModuleEventData } from '@chartline/events';
import type { ReadModelDocument, RevisionedDocument } from '../read-model.js';

type Ordered = ModuleEventData<'laboratory', 'LabTestOrdered'>;
type Defined = ModuleEventData<'laboratory', 'LabTestDefined'>;
type RangesSet = ModuleEventData<'laboratory', 'LabReferenceRangesSet'>;

/**
 * The laboratory module's read models, as its projection writes them and its read routes read
 * them: one document per ordered test (worklists, cumulative results, open criticals, turnaround),
 * one per order (the ordering ward's list), one per catalogue entry. Ages and times against target
 * are not stored: the read API computes them at answer time from `dueAt` and `raisedAt`.
 */
export const LABORATORY_VIEWS = {
  orderTests: 'lab_order_tests',
  orders: 'lab_orders',
  catalogue: 'lab_catalogue',
} as const;
export const LAB_ORDER_TESTS = LABORATORY_VIEWS.orderTests;
export const LAB_ORDERS = LABORATORY_VIEWS.orders;
export const LAB_CATALOGUE = LABORATORY_VIEWS.catalogue;

/** Where an ordered test stands; the first four are the worklists. */
export const LAB_STAGES = [
  'awaiting_collection',
  'awaiting_receipt',
  'in_progress',
  'awaiting_verification',
  'final',
  'amended',
  'corrected',
  'cancelled',
] as const;
export type LabStage = (typeof LAB_STAGES)[number];
export const LAB_WORKLIST_STAGES = [
  'awaiting_collection',
  'awaiting_receipt',
  'in_progress',
  'awaiting_verification',
] as const satisfies readonly LabStage[];
export const LAB_SECTIONS = [
  'chemistry',
  'haematology',
  'coagulation',
  'immunology',
  'microbiology',
  'urinalysis',
  'blood_bank',
  'other',
] as const satisfies readonly Ordered['section'][];
export const LAB_PRIORITIES = ['routine', 'urgent', 'asap', 'stat'] as const satisfies readonly Ordered['priority'][];
export const LAB_FLAGS = ['normal', 'low', 'high', 'critically_low', 'critically_high', 'abnormal', 'none'] as const;

/** A result value as shown: the value, its flag and the range it was flagged against. */
export interface LabResultValue {
  readonly valueNumber: number | null;
  readonly valueCode: string | null;
  /** Free text (personal): shown decrypted, `[erased]` once the patient's key is gone. */
  readonly valueText: string | null;
  readonly unit: string | null;
  readonly flag: (typeof LAB_FLAGS)[number];
  readonly rangeLow: number | null;
  readonly rangeHigh: number | null;
  readonly criticalLow: number | null;
  readonly criticalHigh: number | null;
  /** When this value was recorded (entered, amended or corrected). */
  readonly recordedAt: string;
}

export interface LabCritical {
  readonly flag: 'critically_low' | 'critically_high';
  readonly valueNumber: number;
  readonly unit: string | null;
  readonly raisedAt: string;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  /** Whom the clinician told (personal). */
  readonly notifiedPerson: string | null;
  readonly notifiedAt: string | null;
}

/** One test of one order (`_id` `<hospitalId>:<orderId>:<testCode>`); the order's revision is on its order document. */
export interface LabOrderTestDocument extends ReadModelDocument {
  readonly orderId: string;
  readonly testCode: string;
  readonly testName: string;
  readonly section: Ordered['section'];
  readonly specimenType: Ordered['specimenType'];
  readonly panelCode: string | null;
  readonly patientId: string;
  readonly stayId: string | null;
  readonly wardId: string | null;
  readonly priority: Ordered['priority'];
  readonly orderingPractitionerId: string;
  readonly turnaroundTargetMinutes: number;
  readonly orderedAt: string;
  /** orderedAt + the turnaround target. */
  readonly dueAt: string;
  readonly stage: LabStage;
  readonly accessionNumber: string | null;
  readonly collectedAt: string | null;
  readonly receivedAt: string | null;
  readonly rejections: number;
  readonly referredTo: string | null;
  readonly result: LabResultValue | null;
  /** Free-text result comment (personal). */
  readonly comment: string | null;
  readonly enteredBy: string | null;
  readonly performer: string | null;
  /** Earlier values of an amended or corrected result, oldest first. */
  readonly superseded: readonly LabResultValue[];
  /** When the result was first released (verified): the end of turnaround. */
  readonly finalAt: string | null;
  readonly verifiedBy: string | null;
  readonly criticalOpen: boolean;
  readonly critical: LabCritical | null;
}

/**
 * One order: what the ordering ward follows. `status` is its least advanced test's stage (`final`
 * once every result is released, amended or not);
 * `revision` the order stream's, what a command on the order expects in `If-Match`.
 */
export interface LabOrderDocument extends ReadModelDocument, RevisionedDocument {
  readonly orderId: string;
  readonly patientId: string;
  readonly stayId: string | null;
  readonly wardId: string | null;
  readonly priority: Ordered['priority'];
  readonly panelCode: string | null;
  readonly orderingPractitionerId: string;
  readonly orderedAt: string;
  readonly testCodes: readonly string[];
  readonly stages: Readonly<Record<string, LabStage>>;
  readonly status: LabStage;
  readonly accessionNumber: string | null;
  readonly criticalOpen: boolean;
  /** The tests (LOINC codes) whose critical result is not yet acknowledged. */
  readonly criticalTests: readonly string[];
  /** The tests referred to an external laboratory, by LOINC code: the laboratory's name. */
  readonly referred: Readonly<Record<string, string>>;
}

/** A test or panel of the hospital's catalogue (`_id` `<hospitalId>:<kind>:<code>`). */
export interface LabCatalogueDocument extends ReadModelDocument {
  readonly kind: 'test' | 'panel';
  readonly code: string;
  readonly name: string;
  readonly section: Defined['section'] | null;
  readonly specimenType: Defined['specimenType'] | null;
  readonly resultKind: Defined['resultKind'] | null;
  readonly unit: string | null;
  readonly codedValues: Defined['codedValues'];
  /** A panel's tests (empty for a test). */
  readonly testCodes: readonly string[];
  readonly turnaroundMinutes: {
    readonly stat: number | null;
    readonly asap: number | null;
    readonly urgent: number | null;
    readonly routine: number | null;
  } | null;
  readonly rangesVersion: number;
  readonly ranges: RangesSet['ranges'];
  readonly definedAt: string;
}
