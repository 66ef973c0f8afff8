import { defineEvent } from '../../schema/define-event.js';

export const LicenceRecorded = defineEvent({
  module: 'hr',
  name: 'LicenceRecorded',
  aggregate: 'staff',
  doc: 'A qualification or professional licence of a staff member was recorded.',
  versions: [
    {
      type: 'record',
      name: 'LicenceRecorded',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'licenceId',
          type: 'string',
          doc: 'The licence (UUID v7).',
        },
        {
          name: 'qualification',
          type: 'string',
          doc: 'What it qualifies for, e.g. "Registered nurse".',
        },
        {
          name: 'number',
          type: 'string',
          doc: 'The licence number the issuer gave.',
          'chartline.personal': true,
        },
        {
          name: 'issuer',
          type: 'string',
          doc: 'Who issued it, e.g. "Nursing and Midwifery Council".',
        },
        {
          name: 'validFrom',
          type: 'string',
          doc: 'First day valid, YYYY-MM-DD.',
        },
        {
          name: 'validTo',
          type: 'string',
          doc: 'Last day valid, YYYY-MM-DD.',
        },
        {
          name: 'recordedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
