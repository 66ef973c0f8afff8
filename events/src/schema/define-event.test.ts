import { expect } from 'chai';
import { defineEvent, type EventData } from './define-event.js';

const Sample = defineEvent({
  module: 'samples',
  name: 'SampleTaken',
  aggregate: 'sample',
  doc: 'A sample was taken.',
  versions: [
    {
      type: 'record',
      name: 'SampleTaken',
      namespace: 'chartline.samples.v1',
      fields: [
        { name: 'sampleId', type: 'string' },
        { name: 'patientName', type: 'string', 'chartline.personal': true },
      ],
    },
    {
      type: 'record',
      name: 'SampleTaken',
      namespace: 'chartline.samples.v2',
      fields: [
        { name: 'sampleId', type: 'string' },
        { name: 'patientName', type: 'string', 'chartline.personal': true },
        { name: 'volumeMl', type: ['null', 'int'], default: null },
        { name: 'kind', type: { type: 'enum', name: 'SampleKind', symbols: ['blood', 'urine'] }, default: 'blood' },
      ],
    },
  ],
  upcasters: [(d) => ({ ...d, volumeMl: null, kind: 'blood' })],
});

describe('defineEvent', () => {
  it('derives the type, the current version and the personal fields from the schema', () => {
    expect(Sample.type).to.equal('samples.SampleTaken');
    expect(Sample.currentVersion).to.equal(2);
    expect(Sample.personalFields).to.deep.equal(['patientName']);
  });

  it('derives the TypeScript data type from the current schema', () => {
    const data: EventData<typeof Sample> = { sampleId: 's1', patientName: 'x', kind: 'urine' };
    // @ts-expect-error kind is an enum: 'saliva' is not one of its symbols
    const wrong: EventData<typeof Sample> = { sampleId: 's1', patientName: 'x', kind: 'saliva' };
    expect(data.kind).to.equal('urine');
    expect(wrong.sampleId).to.equal('s1');
  });

  it('refuses a version history without one upcaster per step', () => {
    expect(() =>
      defineEvent({
        module: 'samples',
        name: 'Broken',
        aggregate: 'sample',
        doc: '',
        versions: [
          { type: 'record', name: 'Broken', fields: [] },
          { type: 'record', name: 'Broken', fields: [] },
        ],
      }),
    ).to.throw(/need 1 upcasters, got 0/);
  });
});
