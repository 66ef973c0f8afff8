import { LabAccessionNumberAssigned } from './lab-accession-number-assigned.js';
import { LabCriticalResultAcknowledged } from './lab-critical-result-acknowledged.js';
import { LabCriticalResultRaised } from './lab-critical-result-raised.js';
import { LabOrderCancelled } from './lab-order-cancelled.js';
import { LabPanelDefined } from './lab-panel-defined.js';
import { LabPatientDataErased } from './lab-patient-data-erased.js';
import { LabReferenceRangesSet } from './lab-reference-ranges-set.js';
import { LabResultAmended } from './lab-result-amended.js';
import { LabResultRecorded } from './lab-result-recorded.js';
import { LabResultVerified } from './lab-result-verified.js';
import { LabSpecimenCollected } from './lab-specimen-collected.js';
import { LabSpecimenReceived } from './lab-specimen-received.js';
import { LabSpecimenRejected } from './lab-specimen-rejected.js';
import { LabTestDefined } from './lab-test-defined.js';
import { LabTestOrdered } from './lab-test-ordered.js';
import { LabTestReferredOut } from './lab-test-referred-out.js';

export {
  LabAccessionNumberAssigned,
  LabCriticalResultAcknowledged,
  LabCriticalResultRaised,
  LabOrderCancelled,
  LabPanelDefined,
  LabPatientDataErased,
  LabReferenceRangesSet,
  LabResultAmended,
  LabResultRecorded,
  LabResultVerified,
  LabSpecimenCollected,
  LabSpecimenReceived,
  LabSpecimenRejected,
  LabTestDefined,
  LabTestOrdered,
  LabTestReferredOut,
};

/** The laboratory module's event definitions. */
export const laboratoryEvents = [
  LabTestDefined,
  LabReferenceRangesSet,
  LabPanelDefined,
  LabTestOrdered,
  LabOrderCancelled,
  LabSpecimenCollected,
  LabAccessionNumberAssigned,
  LabSpecimenReceived,
  LabSpecimenRejected,
  LabResultRecorded,
  LabCriticalResultRaised,
  LabCriticalResultAcknowledged,
  LabResultVerified,
  LabResultAmended,
  LabTestReferredOut,
  LabPatientDataErased,
] as const;
