import { defineEvent } from '../../schema/define-event.js';

export const HospitalPlaced = defineEvent({
  module: 'hospitals',
  name: 'HospitalPlaced',
  aggregate: 'placement',
  doc: 'A newly registered hospital was given its Kafka partition (the least-loaded one), written in the same append as its registration and before it, so the relay routes every event of the hospital there. Stream `placement-platform.kafka`: one placement for the whole platform.',
  versions: [
    {
      type: 'record',
      name: 'HospitalPlaced',
      namespace: 'chartline.hospitals',
      fields: [
        { name: 'hospitalId', type: 'string', doc: 'The hospital placed.' },
        { name: 'partition', type: 'int', doc: 'Partition of every module topic its events go to.' },
        { name: 'partitions', type: 'int', doc: 'Partitions of the topics when the choice was made.' },
        { name: 'placementVersion', type: 'int', doc: 'The hospital’s placement version: 1 here, one more per move.' },
        { name: 'placedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
