import { expect } from 'chai';
import { EventDataMismatch, UnknownSchemaVersion } from '../errors.js';
import { SampleTaken } from '../testing/fixture-events.js';
import { defineEvent } from './define-event.js';
import { upcast } from './upcast.js';

describe('upcast', () => {
  const v1 = { sampleId: 's1', patientName: 'c', volume: 5 };

  it('runs the upcasters in order up to the current version', () => {
    expect(upcast(SampleTaken, 1, v1)).to.deep.equal({
      sampleId: 's1',
      patientName: 'c',
      volumeMl: 5,
      kind: 'blood',
      takenBy: null,
    });
    expect(upcast(SampleTaken, 2, { sampleId: 's1', patientName: 'c', volumeMl: 5, kind: 'urine' })).to.deep.equal({
      sampleId: 's1',
      patientName: 'c',
      volumeMl: 5,
      kind: 'urine',
      takenBy: null,
    });
  });

  it('checks current data and returns it as it is', () => {
    const current = { sampleId: 's1', patientName: 'c', volumeMl: 1, kind: 'urine', takenBy: null };
    expect(upcast(SampleTaken, 3, current)).to.equal(current);
    expect(() => upcast(SampleTaken, 3, { ...current, kind: 'saliva' })).to.throw(EventDataMismatch, /v3: kind/);
  });

  it('writes out defaults the upcasters leave out', () => {
    expect(upcast(SampleTaken, 2, { sampleId: 's1', patientName: 'c' })).to.deep.equal({
      sampleId: 's1',
      patientName: 'c',
      volumeMl: 0,
      kind: 'blood',
      takenBy: null,
    });
  });

  it('refuses versions the event never had', () => {
    for (const v of [0, 4, 1.5]) expect(() => upcast(SampleTaken, v, v1)).to.throw(UnknownSchemaVersion);
  });

  it('refuses data that does not fit the version it claims, before any upcaster runs', () => {
    expect(() => upcast(SampleTaken, 1, { sampleId: 's1', patientName: 'c', volumeMl: 5 })).to.throw(
      EventDataMismatch,
      /v1: volume/,
    );
  });

  it('catches an upcaster that produces the wrong shape, naming the field', () => {
    const Wrong = defineEvent({
      module: 'samples',
      name: 'SampleMoved',
      aggregate: 'sample',
      doc: 'A sample moved.',
      versions: [
        { type: 'record', name: 'SampleMoved', fields: [{ name: 'to', type: 'string' }] },
        { type: 'record', name: 'SampleMoved', fields: [{ name: 'toRoom', type: 'string', default: '' }] },
      ],
      upcasters: [(d) => ({ toRoom: Number(d['to']) })],
    });
    expect(() => upcast(Wrong, 1, { to: '7' })).to.throw(EventDataMismatch, /v2: toRoom/);
  });
});
