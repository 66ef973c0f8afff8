import { defineEvent } from '../../schema/define-event.js';

export const HospitalRegistered = defineEvent({
  module: 'hospitals',
  name: 'HospitalRegistered',
  aggregate: 'hospital',
  doc: 'A hospital was registered on the platform by a platform administrator. Until its first HospitalSettingsChanged, the documented default settings are in force.',
  versions: [
    {
      type: 'record',
      name: 'HospitalRegistered',
      namespace: 'chartline.hospitals',
      fields: [
        { name: 'hospitalId', type: 'string', doc: 'The hospital, as it appears in tokens and stream names.' },
        { name: 'name', type: 'string', doc: 'Display name (e.g. "St Mary’s General").' },
        {
          name: 'timeZone',
          type: 'string',
          doc: 'IANA time zone (e.g. "Europe/Paris"): local days for bed-days and rosters are counted in it.',
        },
        { name: 'currency', type: 'string', doc: 'ISO 4217 code (e.g. "EUR"): money is in its minor units.' },
        { name: 'registeredAt', type: 'string', doc: 'When it was registered, ISO-8601 UTC.' },
      ],
    },
  ],
});
