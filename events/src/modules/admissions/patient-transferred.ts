import { defineEvent } from '../../schema/define-event.js';

export const PatientTransferred = defineEvent({
  module: 'admissions',
  name: 'PatientTransferred',
  aggregate: 'stay',
  doc: 'The patient moved to another bed, by transfer to a free bed or by swapping beds with another patient.',
  versions: [
    {
      type: 'record',
      name: 'PatientTransferred',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'fromBedId', type: 'string', doc: 'The bed the patient left.' },
        { name: 'toBedId', type: 'string', doc: 'The bed the patient moved to.' },
        { name: 'toWardId', type: 'string', doc: 'The ward of the new bed.' },
        {
          name: 'swappedWithStayId',
          type: ['null', 'string'],
          default: null,
          doc: 'For a swap, the other stay; null for a transfer to a free bed.',
        },
        { name: 'transferredAt', type: 'string', doc: 'When the patient moved, ISO-8601 UTC.' },
      ],
    },
  ],
});
