import { expect } from 'chai';
import { NotSingleObjectEncoded, TruncatedMessage } from '../errors.js';
import { frameSingleObject, unframeSingleObject } from './single-object.js';

describe('single-object framing', () => {
  const fingerprint = Buffer.from('8f5c393f1ad57572', 'hex');

  it('frames and unframes marker, fingerprint and body', () => {
    const framed = frameSingleObject(fingerprint, Buffer.from([0x02]));
    expect(framed.toString('hex')).to.equal('c3018f5c393f1ad5757202');
    const { fingerprint: fp, body } = unframeSingleObject(new Uint8Array(framed));
    expect(fp.equals(fingerprint)).to.equal(true);
    expect([...body]).to.deep.equal([0x02]);
  });

  it('reads a view into a larger buffer without reading past it', () => {
    const framed = frameSingleObject(fingerprint, Buffer.from([0x02]));
    const big = Buffer.concat([Buffer.from([9, 9]), framed, Buffer.from([9])]);
    const { body } = unframeSingleObject(big.subarray(2, 2 + framed.length));
    expect([...body]).to.deep.equal([0x02]);
  });

  it('refuses a wrong marker', () => {
    expect(() => unframeSingleObject(Buffer.from('c3028f5c393f1ad5757202', 'hex'))).to.throw(NotSingleObjectEncoded);
    expect(() => unframeSingleObject(Buffer.from('{"a":1}'))).to.throw(NotSingleObjectEncoded);
  });

  it('refuses messages that end inside the header', () => {
    expect(() => unframeSingleObject(Buffer.alloc(0))).to.throw(TruncatedMessage);
    expect(() => unframeSingleObject(Buffer.from([0xc3]))).to.throw(TruncatedMessage);
    expect(() => unframeSingleObject(Buffer.from('c3018f5c39', 'hex'))).to.throw(TruncatedMessage, /fingerprint/);
    expect(() => frameSingleObject(Buffer.alloc(4), Buffer.alloc(0))).to.throw(RangeError);
  });
});
