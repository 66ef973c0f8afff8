/**
 * Every rule an admissions command can break: the stable code the API returns with its 409, and
 * what it means (for the API docs). Codes never change once published.
 */
export const ADMISSION_RULES = {
  'ward-already-defined': 'A ward with this id is already defined.',
  'ward-not-found': 'No ward with this id is defined at this hospital.',
  'bed-already-exists': 'A bed with this id already exists.',
  'bed-not-found': 'No bed with this id exists at this hospital.',
  'bed-in-use': 'The bed is reserved or occupied; it can only be closed when free or waiting for cleaning.',
  'bed-already-closed': 'The bed is already closed.',
  'bed-not-closed': 'The bed is not closed.',
  'bed-not-to-clean': 'The bed is not waiting for cleaning.',
  'bed-not-free': 'The bed is not free.',
  'bed-reserved-for-another-stay': 'The bed is reserved for another patient.',
  'patient-not-found': 'No patient with this id is registered at this hospital.',
  'patient-voided': 'The patient record was merged into another and is void; admit the surviving record.',
  'patient-deceased': 'The patient is recorded as deceased.',
  'patient-has-active-stay': 'The patient already has a planned or active stay.',
  'stay-not-found': 'No stay with this id exists at this hospital.',
  'stay-not-planned': 'The stay is not planned (already admitted, finished or cancelled).',
  'stay-not-in-progress': 'The patient is not in a bed on this stay (planned, on leave, finished or cancelled).',
  'stay-not-on-leave': 'The patient is not on leave.',
  'stay-not-admitted': 'The stay is not in progress or on leave.',
  'stay-already-has-reservation': 'A bed is already reserved for this stay; release it first.',
  'stay-reserved-another-bed': 'Another bed is reserved for this stay; admit to it or release it first.',
  'no-reservation-on-bed': 'This bed is not reserved for this stay.',
  'reserved-bed-not-named':
    'The stay has a reserved bed; name it so its reservation is released with the cancellation.',
  'wrong-patient-for-stay': 'The stay belongs to another patient.',
  'wrong-bed-for-stay': 'The stay does not occupy that bed.',
  'same-bed': 'The patient is already in that bed.',
  'swap-with-self': 'A stay cannot swap beds with itself.',
  'patient-on-leave': 'The patient is on leave; end the leave first (only a death is discharged from leave).',
  'no-discharge-scheduled': 'No discharge is scheduled for this stay.',
  'discharge-with-unbilled-charges':
    'The stay has unbilled charges and the hospital’s policy refuses a discharge with unbilled charges: a billing clerk issues the invoice for them (billing/issue-invoice) or marks them not billable (billing/mark-charge-not-billable), then discharge again.',
} as const;

export type AdmissionRule = keyof typeof ADMISSION_RULES;
