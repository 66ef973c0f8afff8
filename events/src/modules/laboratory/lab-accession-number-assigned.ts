import { defineEvent } from '../../schema/define-event.js';

export const LabAccessionNumberAssigned = defineEvent({
  module: 'laboratory',
  name: 'LabAccessionNumberAssigned',
  aggregate: 'accession',
  doc: 'The hospital’s accession-number registry handed out its next number. Carries the whole registry state (the last sequence), so the write side loads only the stream’s last event.',
  versions: [
    {
      type: 'record',
      name: 'LabAccessionNumberAssigned',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'sequence', type: 'int', doc: 'The sequence number, 1, 2, 3…' },
        { name: 'accessionNumber', type: 'string', doc: 'The number formatted with its check character.' },
        { name: 'orderId', type: 'string', doc: 'The order it labels.' },
        { name: 'specimenId', type: 'string', doc: 'The specimen it labels.' },
        { name: 'assignedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
