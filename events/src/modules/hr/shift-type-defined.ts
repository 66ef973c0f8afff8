import { defineEvent } from '../../schema/define-event.js';

export const ShiftTypeDefined = defineEvent({
  module: 'hr',
  name: 'ShiftTypeDefined',
  aggregate: 'shiftType',
  doc: 'A kind of shift (its times of day, whether clinical, how many staff each ward needs on it).',
  versions: [
    {
      type: 'record',
      name: 'ShiftTypeDefined',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'shiftTypeId',
          type: 'string',
          doc: 'The shift type (UUID v7).',
        },
        {
          name: 'name',
          type: 'string',
          doc: 'E.g. "Early", "Night".',
        },
        {
          name: 'startTime',
          type: 'string',
          doc: 'Start, HH:MM UTC.',
        },
        {
          name: 'endTime',
          type: 'string',
          doc: 'End, HH:MM UTC; before the start means it ends the next day.',
        },
        {
          name: 'clinical',
          type: 'boolean',
          doc: 'Whether staff on it must hold a valid licence.',
        },
        {
          name: 'requiredStaff',
          type: 'int',
          doc: 'Staff each ward needs on this shift (coverage is measured against it).',
        },
        {
          name: 'definedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
