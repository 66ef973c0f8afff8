import { createRequire } from 'node:module';
import { expect } from 'chai';
import { murmur2, partitionForKey, toPositive } from './kafka-partition.js';

// Golden values from the Java client's own test (UtilsTest.testMurmur2).
const javaVectors: [string, number][] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
  ['', 275646681],
];

describe("Kafka's default partitioner", () => {
  for (const [key, hash] of javaVectors) {
    it(`hashes ${JSON.stringify(key)} as the Java client does`, () => {
      expect(murmur2(Buffer.from(key))).to.equal(hash);
    });
  }

  it('agrees with the murmur2 of kafkajs (its default partitioner) on every tail length', () => {
    const kafkajsMurmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2') as (
      key: Buffer,
    ) => number;
    for (let n = 0; n < 40; n++) {
      const key = `hospital-${'x'.repeat(n)}${n}`;
      expect(murmur2(Buffer.from(key)), key).to.equal(kafkajsMurmur2(Buffer.from(key)));
    }
  });

  it('clears the sign bit like Utils.toPositive, and takes the remainder', () => {
    expect(toPositive(-790332482)).to.equal(1357151166);
    expect(toPositive(-2147483648)).to.equal(0);
    expect(partitionForKey('foobar', 50)).to.equal(16);
  });

  it('refuses a partition count that is not a positive integer', () => {
    expect(() => partitionForKey('h', 0)).to.throw(RangeError);
    expect(() => partitionForKey('h', 1.5)).to.throw(RangeError);
  });
});
