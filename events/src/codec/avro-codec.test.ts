import { expect } from 'chai';
import { verifyChain } from '../chain/hash-chain.js';
import {
  EventCatalogueError,
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
import { toPlainJson } from '../schema/plain-json.js';
import { avroRegistryOf } from '../schema/registry.js';
import { assertValidEventData } from '../schema/validate.js';
import { testChain, testEnvelope } from '../testing/envelope-factory.js';
import { everyEventVersion } from '../testing/every-event.js';
import { fixtureCatalogue, SampleAnalysed, SampleTaken } from '../testing/fixture-events.js';
import { decodeFromKafka, encodeForKafka } from './avro-codec.js';
import { schemaFingerprint } from './crc64-avro.js';
import { frameSingleObject } from './single-object.js';

const encode = (e: Parameters<typeof encodeForKafka>[0]) => encodeForKafka(e, fixtureCatalogue);
const decode = (b: Uint8Array) => decodeFromKafka(b, fixtureCatalogue);

/** No class instance anywhere (avsc reads records as instances of its generated classes). */
function plainAllTheWay(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return true;
  if (Array.isArray(value)) return value.every(plainAllTheWay);
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(plainAllTheWay);
}

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
          // As toPlainJson makes what avsc read: plain objects all the way down, same keys in the same order.
          const read = avroRegistryOf(catalogue).entry(definition.type, version).type.fromBuffer(bytes.subarray(10));
          expect(JSON.stringify(decoded.envelope)).to.equal(JSON.stringify(toPlainJson(read)));
          expect(plainAllTheWay(decoded.envelope), 'plain objects only').to.equal(true);
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

  it('refuses data the reader reads but its schema refuses (an int out of range): the body is checked whole, data included', () => {
    // The decoder checks the body once, envelope and data together, and upcast does not check
    // current data again: this is the check that refuses it.
    const envelope = testEnvelope(SampleTaken, {
      data: { sampleId: 's1', patientName: 'c1', volumeMl: 12, kind: 'blood', takenBy: null },
    });
    const bytes = encode(envelope);
    // The body ends with the data: 04 's' '1' 04 'c' '1', volumeMl 12 (zigzag 0x18), kind 0, takenBy null.
    expect([...bytes.subarray(-9)]).to.deep.equal([0x04, 0x73, 0x31, 0x04, 0x63, 0x31, 0x18, 0x00, 0x00]);
    // volumeMl as 2^33 (zigzag 2^34 as a varint): avsc reads an int as a long, with no range check.
    const corrupt = Buffer.concat([bytes.subarray(0, -3), Buffer.from([0x80, 0x80, 0x80, 0x80, 0x40, 0x00, 0x00])]);
    const entry = avroRegistryOf(fixtureCatalogue).entry(SampleTaken.type, 3);
    const read = entry.type.fromBuffer(corrupt.subarray(10)) as { data: { volumeMl: number } };
    expect(read.data.volumeMl, 'the reader alone lets it through').to.equal(2 ** 33);
    expect(() => decode(corrupt)).to.throw(MalformedAvro, /invalid values/);
  });

  it('never returns data its schema refuses, whatever single byte of a message is corrupted', () => {
    const messages = [
      encode(
        testEnvelope(SampleTaken, {
          data: { sampleId: 's1', patientName: 'c1', volumeMl: 12, kind: 'blood', takenBy: null },
        }),
      ),
      encode(
        testEnvelope(SampleAnalysed, {
          data: {
            sampleId: 's',
            priceMinor: 1,
            ratio: 0.5,
            flags: ['x'],
            readings: { a: 1, b: null },
            analyser: { id: 'a', status: 'ok' },
            note: 'n',
            verified: true,
          },
        }),
      ),
    ];
    let refused = 0;
    let decoded = 0;
    for (const bytes of messages) {
      for (let at = 0; at < bytes.length; at++) {
        for (const value of [0x00, 0x01, 0x7e, 0x7f, 0x80, 0xff, bytes[at]! ^ 0x01]) {
          const corrupt = Buffer.from(bytes);
          corrupt[at] = value;
          let event: ReturnType<typeof decode>;
          try {
            event = decode(corrupt);
          } catch (error) {
            expect(error, `byte ${at} = ${value}`).to.be.instanceOf(EventCatalogueError);
            refused++;
            continue;
          }
          decoded++;
          const definition = fixtureCatalogue.get(event.envelope.type);
          expect(() =>
            assertValidEventData(definition, event.envelope.schemaVersion, event.envelope.data),
          ).to.not.throw();
          expect(() => assertValidEventData(definition, definition.currentVersion, event.data)).to.not.throw();
        }
      }
    }
    expect(refused).to.be.greaterThan(0);
    expect(decoded).to.be.greaterThan(0);
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
