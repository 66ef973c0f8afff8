/**
 * CRC-64-AVRO, the Rabin fingerprint of the Avro specification ("Schema Fingerprints"): the
 * 64-bit fingerprint that single-object encoding puts in front of every message. avsc only offers
 * md5/sha256 fingerprints, so it is computed here, straight from the specification's algorithm.
 */
const EMPTY = 0xc15d213aa4d7a795n;
const MASK = 0xffffffffffffffffn;

const TABLE: readonly bigint[] = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n) & MASK);
  return fp;
});

/** The fingerprint as an unsigned 64-bit integer (the spec's test data prints it signed). */
export function crc64Avro(bytes: Uint8Array): bigint {
  let fp = EMPTY;
  for (const byte of bytes) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)]!;
  return fp;
}

/** The 8 bytes single-object encoding writes: the fingerprint of the Parsing Canonical Form, little-endian. */
export function schemaFingerprint(canonicalForm: string): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(crc64Avro(Buffer.from(canonicalForm, 'utf8')));
  return bytes;
}
