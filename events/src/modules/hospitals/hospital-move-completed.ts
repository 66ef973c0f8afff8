import { defineEvent } from '../../schema/define-event.js';

export const HospitalMoveCompleted = defineEvent({
  module: 'hospitals',
  name: 'HospitalMoveCompleted',
  aggregate: 'placement',
  doc: 'The relay saw every consumer group pass the hospital’s last event on its old partition and switched it: from this event on, the hospital’s events go to the new partition.',
  versions: [
    {
      type: 'record',
      name: 'HospitalMoveCompleted',
      namespace: 'chartline.hospitals',
      fields: [
        { name: 'hospitalId', type: 'string', doc: 'The hospital moved.' },
        { name: 'fromPartition', type: 'int', doc: 'The partition it left.' },
        { name: 'toPartition', type: 'int', doc: 'The partition its events go to from now on.' },
        { name: 'placementVersion', type: 'int', doc: 'The placement version now in force.' },
        { name: 'completedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
