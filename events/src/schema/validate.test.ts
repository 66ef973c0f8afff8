import { expect } from 'chai';
import { EventDataMismatch } from '../errors.js';
import { SampleAnalysed, SampleTaken } from '../testing/fixture-events.js';
import { defineEvent } from './define-event.js';
import { assertEventData, normaliseEventData } from './validate.js';

describe('event data validation', () => {
  const analysed = {
    sampleId: 's',
    priceMinor: 1250,
    ratio: 0.25,
    flags: ['a'],
    readings: { k: 3, m: null },
    analyser: { id: 'a1', status: 'ok' },
    note: null,
    verified: false,
  };

  it('accepts normalised data and writes omitted defaults out', () => {
    expect(() => assertEventData(SampleAnalysed, 1, analysed)).to.not.throw();
    const { note: _n, ...withoutNote } = analysed;
    expect(normaliseEventData(SampleAnalysed, 1, withoutNote)).to.deep.equal(analysed);
    expect(Object.getPrototypeOf(normaliseEventData(SampleAnalysed, 1, analysed).analyser)).to.equal(Object.prototype);
  });

  it('names every field that does not match', () => {
    try {
      assertEventData(SampleAnalysed, 1, { ...analysed, priceMinor: '1', analyser: { id: 3, status: 'ok' } });
      expect.fail('accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(EventDataMismatch);
      expect((error as EventDataMismatch).paths).to.deep.equal(['priceMinor', 'analyser.id']);
    }
    expect(() => assertEventData(SampleAnalysed, 1, { ...analysed, readings: { k: 1.5 } })).to.throw(/readings\.k/);
    expect(() => assertEventData(SampleAnalysed, 1, 'text')).to.throw(EventDataMismatch, /\(data\)/);
  });

  it('refuses what one codec would carry differently from the other', () => {
    const { note: _n, ...withoutNote } = analysed;
    expect(() => assertEventData(SampleAnalysed, 1, withoutNote)).to.throw(EventDataMismatch, /note .*omitted default/);
    expect(() => assertEventData(SampleAnalysed, 1, { ...analysed, extra: 1 })).to.throw(EventDataMismatch, /extra/);
    expect(() =>
      assertEventData(SampleTaken, 3, {
        sampleId: 's',
        patientName: 'p',
        volumeMl: 1,
        kind: 'blood',
        takenBy: undefined,
      }),
    ).to.throw(EventDataMismatch, /takenBy/);
    const Floaty = defineEvent({
      module: 'samples',
      name: 'Weighed',
      aggregate: 'sample',
      doc: 'd',
      versions: [{ type: 'record', name: 'Weighed', fields: [{ name: 'grams', type: 'float' }] }],
    });
    expect(() => assertEventData(Floaty, 1, { grams: 0.1 })).to.throw(EventDataMismatch, /grams .*precision/);
    expect(() => assertEventData(Floaty, 1, { grams: 0.5 })).to.not.throw();
    const Bytes = defineEvent({
      module: 'samples',
      name: 'Scanned',
      aggregate: 'sample',
      doc: 'd',
      versions: [{ type: 'record', name: 'Scanned', fields: [{ name: 'image', type: 'bytes' }] }],
    });
    expect(() => assertEventData(Bytes, 1, { image: Buffer.from('x') })).to.throw(
      EventDataMismatch,
      /image .*not JSON/,
    );
  });
});
