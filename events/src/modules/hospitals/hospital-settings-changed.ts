import { defineEvent } from '../../schema/define-event.js';

export const HospitalSettingsChanged = defineEvent({
  module: 'hospitals',
  name: 'HospitalSettingsChanged',
  aggregate: 'hospital',
  doc: 'A new version of the hospital’s settings, in force from its effective date (which may be in the future). A rule applied to an event uses the version in force at that event’s time.',
  versions: [
    // v1: lab targets for stat, urgent and routine only; no expiry-warning windows.
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
    // v2: the asap lab target and the expiry-warning windows (v1 events read with their defaults).
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
        {
          name: 'labTurnaroundAsapMinutes',
          type: 'int',
          default: 120,
          doc: 'Target for an asap lab order, minutes (default 120).',
        },
        {
          name: 'stockExpiryWarningDays',
          type: { type: 'array', items: 'int' },
          default: [90, 60, 30],
          doc: 'Days before a stock lot expires at which a warning is raised, one per window, largest first (default 90, 60, 30).',
        },
        {
          name: 'licenceExpiryWarningDays',
          type: 'int',
          default: 30,
          doc: 'Days before a staff licence expires at which a warning is raised (default 30).',
        },
        { name: 'changedAt', type: 'string', doc: 'When the change was recorded, ISO-8601 UTC.' },
      ],
    },
  ],
  upcasters: [
    // v1 had no such settings, so the documented defaults were in force for them (the same values
    // as the v2 schema's defaults, which Avro readers fill in).
    (data) => ({
      ...data,
      labTurnaroundAsapMinutes: 120,
      stockExpiryWarningDays: [90, 60, 30],
      licenceExpiryWarningDays: 30,
    }),
  ],
});
