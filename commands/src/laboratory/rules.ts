/**
 * Every rule a laboratory command can break: the stable code the API returns as the problem's
 * `rule` and the last segment of its type (409 `/problems/<rule>`, or 404 for a `-not-found`, the
 * command server's convention for every module), and what it means and what to do (the `detail`).
 * Codes never change once published.
 */
export const LABORATORY_RULES = {
  'test-already-defined': 'A test with this LOINC code is already in the catalogue; set its reference ranges instead.',
  'test-not-found': 'No test with this LOINC code is in the hospital’s catalogue; define it first.',
  'unit-required': 'A numeric test needs its UCUM unit; send unit.',
  'unit-not-allowed': 'Only a numeric test has a unit; leave unit out.',
  'coded-values-required': 'A coded test needs its allowed codes; send codedValues.',
  'coded-values-not-allowed': 'Only a coded test has allowed codes; leave codedValues out.',
  'ranges-need-numeric-test': 'Reference ranges apply to numeric tests only.',
  'range-limits-out-of-order':
    'Each range needs criticalLow ≤ low < high ≤ criticalHigh (for the limits given) and minAgeDays < maxAgeDays.',
  'ranges-overlap': 'Two ranges apply to the same sex and age; make the age bands meet without overlapping.',
  'panel-already-defined': 'A panel with this code is already in the catalogue.',
  'panel-not-found': 'No panel with this code is in the hospital’s catalogue; define it first.',
  'panel-specimen-types-differ': 'The tests of a panel are done on one specimen; they must share a specimen type.',
  'patient-not-found': 'No patient with this id is registered at this hospital.',
  'patient-voided': 'The patient record was merged into another and is void; order for the surviving record.',
  'patient-deceased': 'The patient is recorded as deceased.',
  'order-not-found': 'No lab order with this id exists at this hospital.',
  'order-cancelled': 'The order is cancelled.',
  'order-has-final-result': 'A result of this order is final; amend or correct it instead of cancelling the order.',
  'order-complete': 'Every test of the order has a result; nothing is left to collect a specimen for.',
  'specimen-already-collected': 'A specimen for this order is already collected and not rejected; use it.',
  'specimen-not-collected': 'No specimen of this order is waiting (none collected, or it was rejected); collect one.',
  'wrong-specimen': 'The accession number is not the one of this order’s current specimen; check the label.',
  'specimen-already-received': 'The specimen is already received.',
  'specimen-not-received':
    'The specimen has not been received in the lab (or was rejected); receive a specimen before resulting.',
  'specimen-already-resulted': 'A result was recorded from this specimen; it can no longer be rejected.',
  'test-not-in-order': 'The order does not include this test.',
  'result-already-recorded': 'The test already has a result; verify it, or amend or correct it once final.',
  'test-already-referred': 'The test is already referred to an external laboratory.',
  'value-kind-mismatch':
    'The value does not fit the test’s result kind: send valueNumber for numeric, valueCode for coded, valueText for text tests.',
  'unit-mismatch': 'The unit is not the test’s unit; convert the value to the test’s unit.',
  'unknown-result-code': 'The code is not one of the test’s allowed codes.',
  'no-open-critical-result': 'This test has no open critical result to acknowledge.',
  'read-back-not-confirmed': 'A critical result is acknowledged only after the person told read the value back.',
  'notified-in-future': 'The person cannot have been told later than now.',
  'result-not-preliminary': 'The test has no result awaiting verification.',
  'verifier-entered-result': 'The person who entered a result can never verify it; ask another supervisor.',
  'result-not-final': 'Only a final (verified) result can be amended or corrected.',
  'patient-not-erased':
    'The patient’s personal data has not been erased; erase it first (patients/erase-patient-personal-data), which erases the lab’s copy too.',
  'lab-patient-data-already-erased': 'The laboratory already dropped this patient’s personal data.',
} as const;

export type LaboratoryRule = keyof typeof LABORATORY_RULES;
