import { expect } from 'chai';
import type { EventEnvelope } from '../envelope.js';
import {
  EventDataMismatch,
  InvalidEnvelope,
  MalformedStoredEvent,
  UnknownEventType,
  UnknownSchemaVersion,
} from '../errors.js';
import { testEnvelope } from '../testing/envelope-factory.js';
import { everyEventVersion } from '../testing/every-event.js';
import { fixtureCatalogue, SampleAnalysed, SampleTaken } from '../testing/fixture-events.js';
import { decodeRecorded, envelopeFromRecorded, type StoreRecordedEvent, toEventToAppend } from './json-codec.js';

/** What a store does: keep the append shape, add where and when; JSON text in between. */
function record(envelope: EventEnvelope, catalogue = fixtureCatalogue): StoreRecordedEvent {
  const appended = JSON.parse(JSON.stringify(toEventToAppend(envelope, catalogue)));
  return {
    ...appended,
    streamId: envelope.streamId,
    revision: envelope.revision,
    position: envelope.position,
    recordedAt: envelope.recordedAt,
  };
}

describe('JSON codec (event store)', () => {
  describe('round trip of every event version', () => {
    for (const { definition, version, catalogue } of everyEventVersion()) {
      it(`${definition.type} v${version}`, () => {
        for (let i = 0; i < 20; i++) {
          const envelope = testEnvelope(definition, { version });
          const decoded = decodeRecorded(record(envelope, catalogue), catalogue);
          expect(decoded.envelope).to.deep.equal(envelope);
          if (version === definition.currentVersion) expect(decoded.data).to.deep.equal(envelope.data);
        }
      });
    }
  });

  it('keeps data readable and puts the rest of the envelope in metadata', () => {
    const envelope = testEnvelope(SampleTaken, { version: 1, data: { sampleId: 's1', patientName: 'c', volume: 3 } });
    const appended = toEventToAppend(envelope, fixtureCatalogue);
    expect(appended.data).to.deep.equal({ sampleId: 's1', patientName: 'c', volume: 3 });
    expect(Object.keys(appended.metadata).sort()).to.deep.equal(
      [
        'actor',
        'causationId',
        'chainVersion',
        'correlationId',
        'hash',
        'hospitalId',
        'occurredAt',
        'prevHash',
        'schemaVersion',
        'traceparent',
      ].sort(),
    );
    expect(appended.metadata['schemaVersion']).to.equal(1);
    // recordedAt is the writer's (hashed from chain version 2): it goes to the store's own column.
    expect(appended.recordedAt).to.equal(envelope.recordedAt);
  });

  it('reads an event stored before chain versions were recorded as chain version 1', () => {
    const envelope = testEnvelope(SampleTaken, { chainVersion: 1 });
    const { chainVersion: _v, ...metadata } = record(envelope).metadata;
    expect(envelopeFromRecorded({ ...record(envelope), metadata }).chainVersion).to.equal(1);
    expect(() => envelopeFromRecorded({ ...record(envelope), metadata: { ...metadata, chainVersion: '2' } })).to.throw(
      MalformedStoredEvent,
      /chainVersion/,
    );
  });

  it('keeps the stored version and hash, and lifts the data beside it', () => {
    const envelope = testEnvelope(SampleTaken, { version: 1, data: { sampleId: 's1', patientName: 'c', volume: 3 } });
    const decoded = decodeRecorded(record(envelope), fixtureCatalogue);
    expect(decoded.envelope.schemaVersion).to.equal(1);
    expect(decoded.envelope.hash).to.equal(envelope.hash);
    expect(decoded.data).to.deep.equal({ sampleId: 's1', patientName: 'c', volumeMl: 3, kind: 'blood', takenBy: null });
  });

  it('rejects data or envelopes that do not fit, naming the field', () => {
    const good = testEnvelope(SampleAnalysed);
    expect(() => toEventToAppend({ ...good, data: { ...good.data, ratio: 'high' } }, fixtureCatalogue)).to.throw(
      EventDataMismatch,
      /ratio/,
    );
    expect(() => toEventToAppend({ ...good, eventId: 'e1' }, fixtureCatalogue)).to.throw(InvalidEnvelope, /eventId/);
    expect(() => toEventToAppend({ ...good, type: 'samples.Gone' }, fixtureCatalogue)).to.throw(UnknownEventType);
    expect(() => toEventToAppend({ ...good, schemaVersion: 2 }, fixtureCatalogue)).to.throw(UnknownSchemaVersion);
  });

  it('names the malformed metadata field of a stored event', () => {
    const rec = record(testEnvelope(SampleTaken));
    const without = (field: string) => {
      const { [field]: _gone, ...metadata } = rec.metadata;
      return { ...rec, metadata };
    };
    for (const field of ['hospitalId', 'occurredAt', 'actor', 'correlationId', 'causationId', 'prevHash', 'hash']) {
      expect(() => envelopeFromRecorded(without(field)), field).to.throw(MalformedStoredEvent, field);
    }
    expect(() => envelopeFromRecorded({ ...rec, metadata: { ...rec.metadata, schemaVersion: '1' } })).to.throw(
      MalformedStoredEvent,
      /schemaVersion/,
    );
    expect(() => envelopeFromRecorded({ ...rec, metadata: { ...rec.metadata, traceparent: 7 } })).to.throw(
      MalformedStoredEvent,
      /traceparent/,
    );
    expect(() => envelopeFromRecorded({ ...rec, metadata: { ...rec.metadata, actor: { id: 'x' } } })).to.throw(
      MalformedStoredEvent,
      /actor\.role/,
    );
    // An absent traceparent reads as null, as the envelope says.
    expect(envelopeFromRecorded(without('traceparent')).traceparent).to.equal(null);
  });

  it('reads an event of an unknown module as its envelope, and refuses to decode its data', () => {
    const rec = { ...record(testEnvelope(SampleTaken)), type: 'pharmacy.DrugDispensed' };
    expect(envelopeFromRecorded(rec).type).to.equal('pharmacy.DrugDispensed');
    expect(() => decodeRecorded(rec, fixtureCatalogue)).to.throw(UnknownEventType);
  });

  it('refuses stored data that does not fit its stored version', () => {
    const rec = record(testEnvelope(SampleTaken, { version: 1 }));
    expect(() => decodeRecorded({ ...rec, data: { sampleId: 's' } }, fixtureCatalogue)).to.throw(
      EventDataMismatch,
      /patientName/,
    );
  });
});
