import { defineEvent } from '../../schema/define-event.js';

export const AllergyRecorded = defineEvent({
  module: 'patients',
  name: 'AllergyRecorded',
  aggregate: 'patient',
  doc: 'An allergy or intolerance was recorded for a patient (after FHIR AllergyIntolerance). Since v2 the substance text is personal (v1 events hold it in clear and are read as they are) and a coded substance travels in clear beside it.',
  versions: [
    // v1: substance in clear.
    {
      type: 'record',
      name: 'AllergyRecorded',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'allergyId', type: 'string', doc: 'Id of this allergy entry (UUID v7).' },
        {
          name: 'substance',
          type: 'string',
          doc: 'Coded substance or its short name (e.g. an RxNorm/SNOMED code, "penicillin").',
        },
        {
          name: 'category',
          type: {
            type: 'enum',
            name: 'AllergyCategory',
            namespace: 'chartline.patients',
            symbols: ['food', 'medication', 'environment', 'biologic'],
            doc: 'FHIR AllergyIntoleranceCategory.',
          },
          doc: 'Kind of substance.',
        },
        {
          name: 'criticality',
          type: {
            type: 'enum',
            name: 'AllergyCriticality',
            namespace: 'chartline.patients',
            symbols: ['low', 'high', 'unable_to_assess'],
            doc: 'FHIR AllergyIntoleranceCriticality (unable-to-assess spelled with underscores).',
          },
          doc: 'Potential harm of a future reaction.',
        },
        {
          name: 'reaction',
          type: ['null', 'string'],
          default: null,
          doc: 'Free-text description of the reaction (clinical free text, hence personal).',
          'chartline.personal': true,
        },
        { name: 'recordedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
    // v2: substance is free text, hence personal (encrypted); its code, when known, is in clear.
    {
      type: 'record',
      name: 'AllergyRecorded',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'allergyId', type: 'string', doc: 'Id of this allergy entry (UUID v7).' },
        {
          name: 'substance',
          type: 'string',
          doc: 'Coded substance or its short name (e.g. an RxNorm/SNOMED code, "penicillin"). Free text, so personal: it can name or describe a person ("the jam my neighbour makes").',
          'chartline.personal': true,
        },
        {
          name: 'substanceCode',
          type: ['null', 'string'],
          default: null,
          doc: 'SNOMED CT or RxNorm code of the substance, when the clinician chose one: a code, not free text, so it stays in clear for analytics.',
        },
        {
          name: 'category',
          type: {
            type: 'enum',
            name: 'AllergyCategory',
            namespace: 'chartline.patients',
            symbols: ['food', 'medication', 'environment', 'biologic'],
            doc: 'FHIR AllergyIntoleranceCategory.',
          },
          doc: 'Kind of substance.',
        },
        {
          name: 'criticality',
          type: {
            type: 'enum',
            name: 'AllergyCriticality',
            namespace: 'chartline.patients',
            symbols: ['low', 'high', 'unable_to_assess'],
            doc: 'FHIR AllergyIntoleranceCriticality (unable-to-assess spelled with underscores).',
          },
          doc: 'Potential harm of a future reaction.',
        },
        {
          name: 'reaction',
          type: ['null', 'string'],
          default: null,
          doc: 'Free-text description of the reaction (clinical free text, hence personal).',
          'chartline.personal': true,
        },
        { name: 'recordedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
  upcasters: [(data) => ({ ...data, substanceCode: null })],
});
