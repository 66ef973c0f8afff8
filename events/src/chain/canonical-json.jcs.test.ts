import { createRequire } from 'node:module';
import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

/**
 * canonicalJson is RFC 8785 (JSON Canonicalization Scheme) for every I-JSON value: checked against
 * the RFC's own examples and, over many generated values, against an independent implementation
 * (the `canonicalize` package). docs/events.md says so; this is the proof.
 */
/** CommonJS whose types claim an ES default export, so it is required as CommonJS. */
const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

describe('canonicalJson is RFC 8785 (JCS)', () => {
  const jcs = (value: unknown) => canonicalize(value);

  it('gives the RFC 8785 §3.2.2 example byte for byte', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    const expected =
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
    expect(canonicalJson(input)).to.equal(expected);
    expect(jcs(input)).to.equal(expected);
  });

  it('sorts properties as RFC 8785 §3.2.3 does (UTF-16 code units)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const text = canonicalJson(input);
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) =>
      text.indexOf(JSON.stringify(k)),
    );
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    expect(text).to.equal(jcs(input));
  });

  it('writes numbers as RFC 8785 §3.2.2.3 (ECMAScript) does, edge cases included', () => {
    const numbers = [
      0,
      -0,
      1,
      -1,
      0.1,
      0.1 + 0.2,
      1e21,
      1e20,
      123456789012345680000,
      1e-6,
      1e-7,
      0.000001234,
      5e-324,
      -5e-324,
      1.7976931348623157e308,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      2 ** 53 + 2,
      4.35,
      0.002,
      333333333.3333333,
      295147905179352830000,
    ];
    for (const n of numbers) expect(canonicalJson(n), String(n)).to.equal(jcs(n));
    expect(canonicalJson(-0)).to.equal('0');
    expect(canonicalJson(1e21)).to.equal('1e+21');
    expect(canonicalJson(5e-324)).to.equal('5e-324');
  });

  it('agrees with the independent implementation on 5,000 generated values (numbers, unicode, nesting)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, 1.7976931348623157e308),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant(null),
        fc.boolean(),
        number,
        text,
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(text, tie('value'), { maxKeys: 6 }),
      ),
    }));
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).to.equal(jcs(v));
      }),
      { numRuns: 5000, seed: 8785 },
    );
  });

  it('agrees on arbitrary JSON values (fast-check jsonValue)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).to.equal(jcs(v));
      }),
      { numRuns: 2000, seed: 21 },
    );
  });
});
