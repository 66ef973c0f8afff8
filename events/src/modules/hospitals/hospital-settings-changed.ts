import { defineEvent } from '../../schema/define-event.js';

export const HospitalSettingsChanged = defineEvent({
  module: 'hospitals',
  name: 'HospitalSettingsChanged',
  aggregate: 'hospital',
  doc: 'A new version of the hospital’s settings, in force from its effective date (which may be in the future). A rule applied to an event uses the version in force at that event’s time.',
  versions: [
    {
      type: 'record',
      name: 'HospitalSettingsChanged',
      namespace: 'chartline.hospitals',
      fields: [
        { name: 'hospitalId', type: 'string', doc: 'The hospital.' },
        { name: 'settingsVersion', type: 'int', doc: '1 for the first change, then 2, 3… (0 is the defaults).' },
        { name: 'effectiveFrom', type: 'string', doc: 'From when this version is in force, ISO-8601 UTC.' },
        {
          name: 'minimumRestHours',
          type: 'int',
          doc: 'Least rest between two shifts of one person, hours (default 11).',
        },
        {
          name: 'maximumHoursPerSevenDays',
          type: 'int',
          doc: 'Most hours one person may work in any rolling 7 days (default 48).',
        },
        {
          name: 'dischargeWithUnbilledCharges',
          type: {
            type: 'enum',
            name: 'DischargeWithUnbilledChargesPolicy',
            namespace: 'chartline.hospitals',
            symbols: ['refuse', 'warn', 'allow'],
            doc: 'What a discharge does while the stay has unbilled charges.',
          },
          doc: 'What a discharge does while the stay has unbilled charges (default refuse).',
        },
        { name: 'labTurnaroundStatMinutes', type: 'int', doc: 'Target for a stat lab order, minutes (default 60).' },
        {
          name: 'labTurnaroundUrgentMinutes',
          type: 'int',
          doc: 'Target for an urgent lab order, minutes (default 240).',
        },
        {
          name: 'labTurnaroundRoutineMinutes',
          type: 'int',
          doc: 'Target for a routine lab order, minutes (default 1440).',
        },
        { name: 'changedAt', type: 'string', doc: 'When the change was recorded, ISO-8601 UTC.' },
      ],
    },
  ],
});
