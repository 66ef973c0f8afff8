import { NotSingleObjectEncoded, TruncatedMessage } from '../errors.js';

/** Avro single-object encoding: `C3 01`, the writer schema's 8-byte fingerprint, the Avro body. */
export const SINGLE_OBJECT_MARKER: readonly [number, number] = [0xc3, 0x01];
const HEADER_LENGTH = 10;

export function frameSingleObject(fingerprint: Uint8Array, body: Uint8Array): Buffer {
  if (fingerprint.length !== 8) throw new RangeError('a single-object fingerprint is 8 bytes');
  return Buffer.concat([Buffer.from(SINGLE_OBJECT_MARKER), fingerprint, body]);
}

export interface SingleObject {
  /** The 8 fingerprint bytes as written (little-endian CRC-64-AVRO). */
  readonly fingerprint: Buffer;
  readonly body: Buffer;
}

/** Splits a message into fingerprint and body; throws NotSingleObjectEncoded or TruncatedMessage. */
export function unframeSingleObject(bytes: Uint8Array): SingleObject {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < SINGLE_OBJECT_MARKER.length; i++) {
    const expected = SINGLE_OBJECT_MARKER[i];
    if (i >= buf.length) throw new TruncatedMessage(`message of ${buf.length} bytes ends inside the C3 01 marker`);
    if (buf[i] !== expected) {
      throw new NotSingleObjectEncoded(`message does not start with the Avro single-object marker C3 01`);
    }
  }
  if (buf.length < HEADER_LENGTH) {
    throw new TruncatedMessage(`message of ${buf.length} bytes ends inside the schema fingerprint`);
  }
  return { fingerprint: buf.subarray(2, HEADER_LENGTH), body: buf.subarray(HEADER_LENGTH) };
}
