import { defineEvent } from '../../schema/define-event.js';

export const LabSpecimenReceived = defineEvent({
  module: 'laboratory',
  name: 'LabSpecimenReceived',
  aggregate: 'labOrder',
  doc: 'The laboratory received the specimen (scanned its accession number); its tests can be resulted.',
  versions: [
    {
      type: 'record',
      name: 'LabSpecimenReceived',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'specimenId', type: 'string', doc: 'The specimen.' },
        { name: 'accessionNumber', type: 'string', doc: 'Its accession number.' },
        { name: 'receivedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
