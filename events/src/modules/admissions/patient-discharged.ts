import { defineEvent } from '../../schema/define-event.js';

export const PatientDischarged = defineEvent({
  module: 'admissions',
  name: 'PatientDischarged',
  aggregate: 'stay',
  doc: 'The patient was discharged (FHIR Encounter status finished); the bed is released at this moment and goes to cleaning. Since v2 it records how many charges were still unbilled (a discharge with unbilled charges is refused unless the hospital’s policy lets it through, or the patient died).',
  versions: [
    // v1: no record of unbilled charges.
    {
      type: 'record',
      name: 'PatientDischarged',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'DischargeReason',
            namespace: 'chartline.admissions',
            symbols: ['home', 'transfer', 'death', 'against_advice'],
            doc: 'Why the stay ended.',
          },
          doc: 'Why the stay ended.',
        },
        {
          name: 'disposition',
          type: {
            type: 'enum',
            name: 'DischargeDisposition',
            namespace: 'chartline.admissions',
            symbols: ['home', 'alt_home', 'other_hcf', 'hosp', 'long', 'aadvice', 'exp', 'psy', 'rehab', 'snf', 'oth'],
            doc: 'FHIR discharge-disposition code (hyphens as underscores).',
          },
          doc: 'Where the patient went (FHIR discharge-disposition).',
        },
        { name: 'dischargedAt', type: 'string', doc: 'When the patient was discharged, ISO-8601 UTC.' },
      ],
    },
    // v2: the unbilled charges a discharge let through (the discharge guard, issue 17).
    {
      type: 'record',
      name: 'PatientDischarged',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'DischargeReason',
            namespace: 'chartline.admissions',
            symbols: ['home', 'transfer', 'death', 'against_advice'],
            doc: 'Why the stay ended.',
          },
          doc: 'Why the stay ended.',
        },
        {
          name: 'disposition',
          type: {
            type: 'enum',
            name: 'DischargeDisposition',
            namespace: 'chartline.admissions',
            symbols: ['home', 'alt_home', 'other_hcf', 'hosp', 'long', 'aadvice', 'exp', 'psy', 'rehab', 'snf', 'oth'],
            doc: 'FHIR discharge-disposition code (hyphens as underscores).',
          },
          doc: 'Where the patient went (FHIR discharge-disposition).',
        },
        { name: 'dischargedAt', type: 'string', doc: 'When the patient was discharged, ISO-8601 UTC.' },
        {
          name: 'unbilledCharges',
          type: 'int',
          default: 0,
          doc: 'How many charges of the stay’s billing account were unbilled at the discharge: let through by the hospital’s policy (`warn`, `allow`) or because the patient died; 0 otherwise.',
        },
      ],
    },
  ],
  upcasters: [(data) => ({ ...data, unbilledCharges: 0 })],
});
