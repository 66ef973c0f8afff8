/**
 * Avro types several laboratory events share. Each schema still inlines them (no named-type
 * references), so every event's schema stays standalone for the analytics teams.
 */

export const PRIORITY = {
  type: 'enum',
  name: 'LabPriority',
  namespace: 'chartline.laboratory',
  symbols: ['routine', 'urgent', 'asap', 'stat'],
  doc: 'FHIR request-priority: routine < urgent < asap < stat.',
} as const;

export const SECTION = {
  type: 'enum',
  name: 'LabSection',
  namespace: 'chartline.laboratory',
  symbols: [
    'chemistry',
    'haematology',
    'coagulation',
    'immunology',
    'microbiology',
    'urinalysis',
    'blood_bank',
    'other',
  ],
  doc: 'The bench (lab section) that performs the test; worklists are per section.',
} as const;

export const SPECIMEN_TYPE = {
  type: 'enum',
  name: 'LabSpecimenType',
  namespace: 'chartline.laboratory',
  symbols: ['whole_blood', 'serum', 'plasma', 'urine', 'csf', 'swab', 'stool', 'sputum', 'other'],
  doc: 'Kind of specimen the test is done on.',
} as const;

export const FLAG = {
  type: 'enum',
  name: 'LabResultFlag',
  namespace: 'chartline.laboratory',
  symbols: ['normal', 'low', 'high', 'critically_low', 'critically_high', 'abnormal', 'none'],
  doc: 'Interpretation computed by the server from the range in force (FHIR observation-interpretation N, L, H, LL, HH, A); none when no range applies or the result is text.',
} as const;

export const CRITICAL_FLAG = {
  type: 'enum',
  name: 'LabCriticalFlag',
  namespace: 'chartline.laboratory',
  symbols: ['critically_low', 'critically_high'],
  doc: 'Which critical limit the value passed.',
} as const;

/** The value of a result: exactly one of the three is set, by the test's result kind. */
export const VALUE_FIELDS = [
  { name: 'valueNumber', type: ['null', 'double'], default: null, doc: 'Numeric result, in `unit`.' },
  { name: 'valueCode', type: ['null', 'string'], default: null, doc: 'Coded result: one of the test’s codes.' },
  {
    name: 'valueText',
    type: ['null', 'string'],
    default: null,
    doc: 'Text result (free text, hence personal).',
    'chartline.personal': true,
  },
  { name: 'unit', type: ['null', 'string'], default: null, doc: 'UCUM unit of a numeric result.' },
] as const;

/** The reference range a flag was computed from, as it was when the result was recorded. */
export const APPLIED_RANGE_FIELDS = [
  { name: 'rangeLow', type: ['null', 'double'], default: null, doc: 'Low limit of the range applied.' },
  { name: 'rangeHigh', type: ['null', 'double'], default: null, doc: 'High limit of the range applied.' },
  {
    name: 'criticalLow',
    type: ['null', 'double'],
    default: null,
    doc: 'Critical low limit of the range applied.',
  },
  {
    name: 'criticalHigh',
    type: ['null', 'double'],
    default: null,
    doc: 'Critical high limit of the range applied.',
  },
  {
    name: 'rangesVersion',
    type: ['null', 'int'],
    default: null,
    doc: 'Version of the test’s reference ranges in force (null: none set).',
  },
] as const;
