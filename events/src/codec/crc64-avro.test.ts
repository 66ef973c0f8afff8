import avsc from 'avsc';
import { expect } from 'chai';
import { crc64Avro, schemaFingerprint } from './crc64-avro.js';

/**
 * Published test data of the Avro specification (apache/avro share/test/data/schema-tests.txt):
 * input schema, its Parsing Canonical Form and its CRC-64-AVRO fingerprint as a signed 64-bit.
 */
const SPEC_VECTORS: readonly [input: string, canonical: string, fingerprint: bigint][] = [
  ['"null"', '"null"', 7195948357588979594n],
  ['"boolean"', '"boolean"', -6970731678124411036n],
  ['{"type":"int"}', '"int"', 8247732601305521295n],
  ['"long"', '"long"', -3434872931120570953n],
  ['"float"', '"float"', 5583340709985441680n],
  ['"double"', '"double"', -8181574048448539266n],
  ['"bytes"', '"bytes"', 5746618253357095269n],
  ['"string"', '"string"', -8142146995180207161n],
  ['[ "int" , {"type":"boolean"} ]', '["int","boolean"]', 5392556393470105090n],
  [
    '{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}',
    '{"name":"x.y.foo","type":"record","fields":[]}',
    5916914534497305771n,
  ],
  [
    '{"fields":[{"type":"boolean","aliases":[],"name":"f1","default":true},{"order":"descending","name":"f2","doc":"Hello","type":"int"}],"type":"record","name":"foo"}',
    '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}',
    -4860222112080293046n,
  ],
  [
    '{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}',
    '{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}',
    -4448647247586288245n,
  ],
  ['{ "items":{"type":"null"}, "type":"array"}', '{"type":"array","items":"null"}', -589620603366471059n],
  ['{ "values":"string", "type":"map"}', '{"type":"map","values":"string"}', -8732877298790414990n],
  [
    '{"name":"PigValue","type":"record","fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}',
    '{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}',
    -1759257747318642341n,
  ],
];

describe('CRC-64-AVRO', () => {
  for (const [input, canonical, signed] of SPEC_VECTORS) {
    it(`matches the specification for ${canonical.slice(0, 60)}`, () => {
      const type = avsc.Type.forSchema(JSON.parse(input));
      expect(JSON.stringify(type.schema()), 'avsc canonical form').to.equal(canonical);
      expect(crc64Avro(Buffer.from(canonical))).to.equal(BigInt.asUintN(64, signed));
    });
  }

  it('writes the fingerprint little-endian, as single-object encoding wants', () => {
    // The spec's own example: "int" has header C3 01 8F 5C 39 3F 1A D5 75 72.
    expect(schemaFingerprint('"int"').toString('hex')).to.equal('8f5c393f1ad57572');
  });
});
