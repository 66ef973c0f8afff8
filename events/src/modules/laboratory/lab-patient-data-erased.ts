import { defineEvent } from '../../schema/define-event.js';

export const LabPatientDataErased = defineEvent({
  module: 'laboratory',
  name: 'LabPatientDataErased',
  aggregate: 'labPatient',
  doc: 'The patient’s personal data was erased (patients.PatientPersonalDataErased, through the laboratory’s process manager): the laboratory’s read models drop the free text they hold of the patient (result comments, text results, whom a critical result was told to). The events keep their ciphertext, which no key opens any more.',
  versions: [
    {
      type: 'record',
      name: 'LabPatientDataErased',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'erasedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
