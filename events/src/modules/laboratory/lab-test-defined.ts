import { defineEvent } from '../../schema/define-event.js';
import { SECTION, SPECIMEN_TYPE } from './fields.js';

export const LabTestDefined = defineEvent({
  module: 'laboratory',
  name: 'LabTestDefined',
  aggregate: 'labTest',
  doc: 'A test was added to the hospital’s laboratory catalogue, under its LOINC code. Its reference ranges are set apart (LabReferenceRangesSet), so they can change while the definition stays.',
  versions: [
    {
      type: 'record',
      name: 'LabTestDefined',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'testCode', type: 'string', doc: 'LOINC code, e.g. 2823-3 (potassium in serum or plasma).' },
        { name: 'name', type: 'string', doc: 'Display name.' },
        { name: 'section', type: SECTION, doc: 'Lab section that performs it.' },
        { name: 'specimenType', type: SPECIMEN_TYPE, doc: 'Specimen it is done on.' },
        {
          name: 'resultKind',
          type: {
            type: 'enum',
            name: 'LabResultKind',
            namespace: 'chartline.laboratory',
            symbols: ['numeric', 'coded', 'text'],
            doc: 'What a result holds.',
          },
          doc: 'numeric (a number in `unit`), coded (one of `codedValues`) or text.',
        },
        { name: 'unit', type: ['null', 'string'], default: null, doc: 'UCUM unit of a numeric test.' },
        {
          name: 'codedValues',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'LabCodedValue',
              namespace: 'chartline.laboratory',
              fields: [
                { name: 'code', type: 'string', doc: 'The code (e.g. a SNOMED CT or LOINC answer code).' },
                { name: 'display', type: 'string', doc: 'Display text.' },
                { name: 'abnormal', type: 'boolean', doc: 'A result with this code is flagged abnormal.' },
              ],
            },
          },
          default: [],
          doc: 'Allowed answers of a coded test (empty otherwise).',
        },
        {
          name: 'turnaroundStatMinutes',
          type: ['null', 'int'],
          default: null,
          doc: 'Target order → final for a stat order, minutes; null: the hospital’s setting.',
        },
        {
          name: 'turnaroundAsapMinutes',
          type: ['null', 'int'],
          default: null,
          doc: 'Target for an asap order, minutes; null: the hospital’s stat setting.',
        },
        {
          name: 'turnaroundUrgentMinutes',
          type: ['null', 'int'],
          default: null,
          doc: 'Target for an urgent order, minutes; null: the hospital’s setting.',
        },
        {
          name: 'turnaroundRoutineMinutes',
          type: ['null', 'int'],
          default: null,
          doc: 'Target for a routine order, minutes; null: the hospital’s setting.',
        },
        { name: 'definedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
