import { defineEvent } from '../../schema/define-event.js';

export const LocationDefined = defineEvent({
  module: 'inventory',
  name: 'LocationDefined',
  aggregate: 'location',
  doc: 'A place stock is kept was defined: the central store, a pharmacy, or a ward’s store.',
  versions: [
    {
      type: 'record',
      name: 'LocationDefined',
      namespace: 'chartline.inventory',
      fields: [
        { name: 'locationId', type: 'string', doc: 'The location (UUID v7).' },
        { name: 'code', type: 'string', doc: 'The hospital’s short code for the location.' },
        { name: 'name', type: 'string', doc: 'What the location is called.' },
        {
          name: 'kind',
          type: {
            type: 'enum',
            name: 'LocationKind',
            namespace: 'chartline.inventory',
            symbols: ['central_store', 'pharmacy', 'ward_store'],
            doc: 'What kind of store it is.',
          },
          doc: 'What kind of store it is.',
        },
        {
          name: 'wardId',
          type: ['null', 'string'],

          doc: 'The ward a ward store serves (admissions ward id), or null.',
        },
        { name: 'definedAt', type: 'string', doc: 'When it was defined, ISO-8601 UTC.' },
      ],
    },
  ],
});
