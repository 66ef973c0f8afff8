import { defineEvent } from '../../schema/define-event.js';

export const HospitalMoveStarted = defineEvent({
  module: 'hospitals',
  name: 'HospitalMoveStarted',
  aggregate: 'placement',
  doc: 'A platform administrator started moving the hospital to another partition. The relay publishes this event on the old partition, then holds the hospital’s later events until every consumer group has passed it there; then it records HospitalMoveCompleted and publishes the held events on the new partition.',
  versions: [
    {
      type: 'record',
      name: 'HospitalMoveStarted',
      namespace: 'chartline.hospitals',
      fields: [
        { name: 'hospitalId', type: 'string', doc: 'The hospital moved.' },
        { name: 'fromPartition', type: 'int', doc: 'Where its events went until now.' },
        { name: 'toPartition', type: 'int', doc: 'Where its events go once the move completes.' },
        { name: 'placementVersion', type: 'int', doc: 'The placement version the move leads to.' },
        { name: 'reason', type: 'string', doc: 'Why, in operational words (never patient data).' },
        { name: 'startedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
