import { expect } from 'chai';
import { verifyChain } from './chain/hash-chain.js';
import { decodeFromKafka, encodeForKafka } from './codec/avro-codec.js';
import { decodeRecorded, toEventToAppend } from './codec/json-codec.js';
import { type EventEnvelope, GENESIS_HASH } from './envelope.js';
import { EventDataMismatch, UnknownEventType } from './errors.js';
import { sealEvent } from './seal.js';
import { fixtureCatalogue } from './testing/fixture-events.js';

const base = {
  type: 'samples.SampleTaken',
  streamId: 'sample-h1.s1',
  hospitalId: 'h1',
  occurredAt: '2025-03-01T08:30:00.000Z',
  recordedAt: '2025-03-01T08:30:01.000Z',
  actor: { id: 'u1', role: 'nurse' },
  correlationId: 'c1',
  causationId: 'c1',
  traceparent: null,
};

/** Seals a stream of events of different versions, each chained to the one before. */
function sealStream(): EventEnvelope[] {
  const datas: [number, Record<string, unknown>][] = [
    [1, { sampleId: 's1', patientName: 'cipher', volume: 4 }],
    [2, { sampleId: 's1', patientName: 'cipher', kind: 'urine' }],
    [3, { sampleId: 's1', patientName: 'cipher', takenBy: 'u9' }],
  ];
  const stream: EventEnvelope[] = [];
  for (const [revision, [schemaVersion, data]] of datas.entries()) {
    const sealed = sealEvent(
      {
        ...base,
        eventId: `0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5${revision}`,
        schemaVersion,
        revision,
        prevHash: stream[revision - 1]?.hash ?? GENESIS_HASH,
        data,
      },
      fixtureCatalogue,
    );
    stream.push({ ...sealed, position: 10 + revision });
  }
  return stream;
}

describe('sealEvent', () => {
  it('writes defaults out before hashing, so the hash is over what both codecs carry', () => {
    const [, second] = sealStream();
    expect(second!.data).to.deep.equal({ sampleId: 's1', patientName: 'cipher', volumeMl: 0, kind: 'urine' });
  });

  it('gives a chain that still verifies after the store and Kafka, old versions included', () => {
    const stream = sealStream();
    expect(verifyChain(stream).ok).to.equal(true);
    const viaStore = stream.map(
      (e) =>
        decodeRecorded(
          {
            ...JSON.parse(JSON.stringify(toEventToAppend(e, fixtureCatalogue))),
            streamId: e.streamId,
            revision: e.revision,
            position: e.position,
            recordedAt: e.recordedAt,
          },
          fixtureCatalogue,
        ).envelope,
    );
    const viaKafka = stream.map((e) => decodeFromKafka(encodeForKafka(e, fixtureCatalogue), fixtureCatalogue).envelope);
    expect(verifyChain(viaStore)).to.deep.equal(verifyChain(stream));
    expect(verifyChain(viaKafka)).to.deep.equal(verifyChain(stream));
  });

  it('refuses data that does not fit, and unknown types', () => {
    const fields = {
      ...base,
      eventId: '0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a50',
      schemaVersion: 3,
      revision: 0,
      prevHash: GENESIS_HASH,
    };
    expect(() => sealEvent({ ...fields, data: { sampleId: 's1' } }, fixtureCatalogue)).to.throw(
      EventDataMismatch,
      /patientName/,
    );
    expect(() => sealEvent({ ...fields, type: 'samples.Nope', data: {} }, fixtureCatalogue)).to.throw(UnknownEventType);
  });
});
