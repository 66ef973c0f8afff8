import { expect } from 'chai';
import { verifyChain } from '../chain/hash-chain.js';
import {
  EventDataMismatch,
  InvalidEnvelope,
  MalformedAvro,
  NotSingleObjectEncoded,
  TruncatedMessage,
  UnknownEventType,
  UnknownSchemaFingerprint,
  UnknownSchemaVersion,
} from '../errors.js';
import { avroTypeOf } from '../schema/avro-type.js';
import { kafkaValueSchema } from '../schema/kafka-schema.js';
import { avroRegistryOf } from '../schema/registry.js';
import { testChain, testEnvelope } from '../testing/envelope-factory.js';
import { everyEventVersion } from '../testing/every-event.js';
import { fixtureCatalogue, SampleAnalysed, SampleTaken } from '../testing/fixture-events.js';
import { decodeFromKafka, encodeForKafka } from './avro-codec.js';
import { schemaFingerprint } from './crc64-avro.js';
import { frameSingleObject } from './single-object.js';

const encode = (e: Parameters<typeof encodeForKafka>[0]) => encodeForKafka(e, fixtureCatalogue);
const decode = (b: Uint8Array) => decodeFromKafka(b, fixtureCatalogue);

describe('Avro codec (Kafka)', () => {
  it('still reads messages written before chain version 2 (old fingerprints), as chain version 1', () => {
    const chain = testChain(SampleAnalysed, 2, { chainVersion: 1 });
    const before = avroTypeOf(kafkaValueSchema(SampleAnalysed, SampleAnalysed.currentVersion, 'before-chain-v2'));
    const decoded = chain.map((envelope) => {
      const { chainVersion: _v, ...written } = envelope;
      const bytes = frameSingleObject(schemaFingerprint(JSON.stringify(before.schema())), before.toBuffer(written));
      return decode(bytes).envelope;
    });
    expect(decoded).to.deep.equal(chain);
    expect(decoded.every((e) => e.chainVersion === 1)).to.equal(true);
    expect(verifyChain(decoded).ok).to.equal(true);
  });

  describe('round trip of every event version', () => {
    for (const { definition, version, catalogue } of everyEventVersion()) {
      it(`${definition.type} v${version}`, () => {
        for (let i = 0; i < 20; i++) {
          const envelope = testEnvelope(definition, { version });
          const bytes = encodeForKafka(envelope, catalogue);
          expect([...bytes.subarray(0, 2)]).to.deep.equal([0xc3, 0x01]);
          const decoded = decodeFromKafka(bytes, catalogue);
          expect(decoded.envelope).to.deep.equal(envelope);
          expect(decoded.definition).to.equal(definition);
          if (version === definition.currentVersion) expect(decoded.data).to.deep.equal(envelope.data);
        }
      });
    }
  });

  it('carries each version under its own fingerprint and upcasts old data on decode', () => {
    const v1 = testEnvelope(SampleTaken, { version: 1, data: { sampleId: 's1', patientName: 'c1', volume: 12 } });
    const bytes = encode(v1);
    const entry = avroRegistryOf(fixtureCatalogue).entry(SampleTaken.type, 1);
    expect(bytes.subarray(2, 10).equals(entry.fingerprint)).to.equal(true);
    expect(avroRegistryOf(fixtureCatalogue).entry(SampleTaken.type, 3).fingerprint.equals(entry.fingerprint)).to.equal(
      false,
    );
    const decoded = decode(bytes);
    expect(decoded.envelope.schemaVersion).to.equal(1);
    expect(decoded.envelope.data).to.deep.equal({ sampleId: 's1', patientName: 'c1', volume: 12 });
    expect(decoded.data).to.deep.equal({
      sampleId: 's1',
      patientName: 'c1',
      volumeMl: 12,
      kind: 'blood',
      takenBy: null,
    });
  });

  it('refuses a wrong marker, a truncated body, trailing bytes and an unknown fingerprint with typed errors', () => {
    const bytes = encode(testEnvelope(SampleAnalysed));
    const wrongMarker = Buffer.from(bytes);
    wrongMarker[1] = 0x02;
    expect(() => decode(wrongMarker)).to.throw(NotSingleObjectEncoded);
    for (const cut of [1, 5, 10, 11, bytes.length - 1]) {
      expect(() => decode(bytes.subarray(0, cut)), `cut at ${cut}`).to.throw(TruncatedMessage);
    }
    expect(() => decode(Buffer.concat([bytes, Buffer.from([0])]))).to.throw(MalformedAvro, /trailing/);
    const unknown = Buffer.from(bytes);
    unknown[9] = (unknown[9] ?? 0) ^ 0xff;
    expect(() => decode(unknown)).to.throw(UnknownSchemaFingerprint, unknown.subarray(2, 10).toString('hex'));
  });

  it('refuses an unknown fingerprint from another registry (a newer producer)', () => {
    const bytes = encode(testEnvelope(SampleTaken));
    expect(() => decodeFromKafka(bytes)).to.throw(UnknownSchemaFingerprint);
  });

  it('refuses a body that claims another type or version than its fingerprint', () => {
    const v3 = avroRegistryOf(fixtureCatalogue).entry(SampleTaken.type, 3);
    const envelope = testEnvelope(SampleTaken);
    const lying = Buffer.concat([
      Buffer.from([0xc3, 0x01]),
      v3.fingerprint,
      v3.type.toBuffer({ ...envelope, schemaVersion: 2 }),
    ]);
    expect(() => decode(lying)).to.throw(MalformedAvro, /another type or version/);
  });

  it('refuses a corrupted body rather than return a wrong object', () => {
    const envelope = testEnvelope(SampleAnalysed, {
      data: {
        sampleId: 's',
        priceMinor: 1,
        ratio: 0.5,
        flags: [],
        readings: {},
        analyser: { id: 'a', status: 'ok' },
        note: null,
        verified: true,
      },
    });
    const bytes = encode(envelope);
    // The analyser status enum index is the 4th byte from the end (note=null, verified=true follow).
    const corrupt = Buffer.from(bytes);
    const at = corrupt.length - 3;
    corrupt[at] = 0x7e;
    expect(() => decode(corrupt)).to.throw(MalformedAvro);
  });

  it('rejects data that does not match its schema, naming the field', () => {
    const good = testEnvelope(SampleAnalysed);
    const bad = (data: Record<string, unknown>) => ({ ...good, data: { ...good.data, ...data } });
    expect(() => encode(bad({ priceMinor: 1.5 }))).to.throw(EventDataMismatch, /priceMinor/);
    expect(() => encode(bad({ analyser: { id: 'a', status: 'broken' } }))).to.throw(
      EventDataMismatch,
      /analyser\.status/,
    );
    expect(() => encode(bad({ flags: ['a', 3] }))).to.throw(EventDataMismatch, /flags\.1/);
    expect(() => encode(bad({ surname: 'x' }))).to.throw(EventDataMismatch, /surname.*undeclared/);
    const { note: _omitted, ...withoutNote } = good.data;
    expect(() => encode({ ...good, data: withoutNote })).to.throw(EventDataMismatch, /note/);
    try {
      encode(bad({ priceMinor: 'Jane Doe' }));
      expect.fail('encoded');
    } catch (error) {
      expect(error).to.be.instanceOf(EventDataMismatch);
      expect((error as EventDataMismatch).paths).to.deep.equal(['priceMinor']);
      expect((error as Error).message).to.not.contain('Jane');
    }
  });

  it('rejects a malformed envelope, naming the fields', () => {
    const good = testEnvelope(SampleTaken);
    expect(() => encode({ ...good, revision: -1, hash: 'abc' })).to.throw(InvalidEnvelope, /revision, .*hash/);
    expect(() => encode({ ...good, hospitalId: 'h2' })).to.throw(InvalidEnvelope, /hospitalId/);
    expect(() => encode({ ...good, occurredAt: '2025-03-01 08:30' })).to.throw(InvalidEnvelope, /occurredAt/);
    expect(() => encode({ ...good, type: 'samples.Nope' })).to.throw(UnknownEventType);
    expect(() => encode({ ...good, schemaVersion: 9 })).to.throw(UnknownSchemaVersion);
  });
});
