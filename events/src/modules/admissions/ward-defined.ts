import { defineEvent } from '../../schema/define-event.js';

export const WardDefined = defineEvent({
  module: 'admissions',
  name: 'WardDefined',
  aggregate: 'ward',
  doc: 'A ward was defined: a unit of beds under one nursing team.',
  versions: [
    {
      type: 'record',
      name: 'WardDefined',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'wardId', type: 'string', doc: 'The ward.' },
        { name: 'name', type: 'string', doc: 'Display name (e.g. "Cardiology 3 East").' },
        {
          name: 'specialty',
          type: {
            type: 'enum',
            name: 'WardSpecialty',
            namespace: 'chartline.admissions',
            symbols: ['medical', 'surgical', 'intensive_care', 'maternity', 'paediatric', 'psychiatric', 'other'],
            doc: 'Kind of care given on the ward.',
          },
          doc: 'Kind of care given on the ward.',
        },
        { name: 'definedAt', type: 'string', doc: 'When it was defined, ISO-8601 UTC.' },
      ],
    },
  ],
});
