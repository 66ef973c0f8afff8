import { defineEvent } from '../../schema/define-event.js';

export const LabReferenceRangesSet = defineEvent({
  module: 'laboratory',
  name: 'LabReferenceRangesSet',
  aggregate: 'labTest',
  doc: 'A new version of a numeric test’s reference ranges, by sex and age band (age at specimen collection). It replaces the previous version for results recorded after it; results recorded before keep the flag they got.',
  versions: [
    {
      type: 'record',
      name: 'LabReferenceRangesSet',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'testCode', type: 'string', doc: 'LOINC code of the test.' },
        { name: 'rangesVersion', type: 'int', doc: '1 for the first set, then 2, 3…' },
        {
          name: 'ranges',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'LabReferenceRange',
              namespace: 'chartline.laboratory',
              fields: [
                {
                  name: 'sex',
                  type: {
                    type: 'enum',
                    name: 'LabRangeSex',
                    namespace: 'chartline.laboratory',
                    symbols: ['any', 'female', 'male'],
                    doc: 'Administrative sex the range applies to.',
                  },
                  doc: 'any, female or male.',
                },
                { name: 'minAgeDays', type: 'int', doc: 'Youngest age (inclusive), days.' },
                {
                  name: 'maxAgeDays',
                  type: ['null', 'int'],
                  default: null,
                  doc: 'Oldest age (exclusive), days; null: no upper bound.',
                },
                { name: 'low', type: ['null', 'double'], default: null, doc: 'Below this: low.' },
                { name: 'high', type: ['null', 'double'], default: null, doc: 'Above this: high.' },
                {
                  name: 'criticalLow',
                  type: ['null', 'double'],
                  default: null,
                  doc: 'Below this: critically low.',
                },
                {
                  name: 'criticalHigh',
                  type: ['null', 'double'],
                  default: null,
                  doc: 'Above this: critically high.',
                },
              ],
            },
          },
          doc: 'The ranges; no two apply to one sex and age.',
        },
        { name: 'setAt', type: 'string', doc: 'ISO-8601 UTC; in force for results recorded after it.' },
      ],
    },
  ],
});
