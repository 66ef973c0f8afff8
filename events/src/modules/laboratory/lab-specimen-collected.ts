import { defineEvent } from '../../schema/define-event.js';
import { SPECIMEN_TYPE } from './fields.js';

export const LabSpecimenCollected = defineEvent({
  module: 'laboratory',
  name: 'LabSpecimenCollected',
  aggregate: 'labOrder',
  doc: 'A specimen was taken for the order and labelled with a new accession number (FHIR Specimen available).',
  versions: [
    {
      type: 'record',
      name: 'LabSpecimenCollected',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'specimenId', type: 'string', doc: 'The specimen (UUID v7).' },
        {
          name: 'accessionNumber',
          type: 'string',
          doc: 'Unique within the hospital: L, an 8-digit sequence, then an ISO/IEC 7064 MOD 37-36 check character (0-9, A-Z).',
        },
        { name: 'specimenType', type: SPECIMEN_TYPE, doc: 'Kind of specimen.' },
        { name: 'collectedBy', type: 'string', doc: 'Who collected it (token subject).' },
        { name: 'collectedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
