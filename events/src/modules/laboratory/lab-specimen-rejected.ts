import { defineEvent } from '../../schema/define-event.js';

export const LabSpecimenRejected = defineEvent({
  module: 'laboratory',
  name: 'LabSpecimenRejected',
  aggregate: 'labOrder',
  doc: 'The laboratory rejected the specimen as unsatisfactory (FHIR Specimen unsatisfactory): it cannot be resulted, and the order goes back to awaiting collection.',
  versions: [
    {
      type: 'record',
      name: 'LabSpecimenRejected',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'specimenId', type: 'string', doc: 'The specimen.' },
        { name: 'accessionNumber', type: 'string', doc: 'Its accession number.' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'LabSpecimenRejectionReason',
            namespace: 'chartline.laboratory',
            symbols: [
              'haemolysed',
              'clotted',
              'insufficient',
              'mislabelled',
              'unlabelled',
              'wrong_container',
              'contaminated',
              'leaked',
              'too_old',
              'other',
            ],
            doc: 'Why the specimen is unsatisfactory (HL7 v2 table 0490 in spirit).',
          },
          doc: 'Why the specimen is unsatisfactory.',
        },
        {
          name: 'note',
          type: ['null', 'string'],
          default: null,
          doc: 'Free-text note (personal).',
          'chartline.personal': true,
        },
        { name: 'rejectedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
