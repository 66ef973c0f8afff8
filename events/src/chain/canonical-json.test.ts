import { expect } from 'chai';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).to.equal(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for the same value whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).to.equal(canonicalJson({ y: [1, 2], x: 1 }));
  });

  it('sorts keys by UTF-16 code units (RFC 8785), not by locale or code point', () => {
    // 😀 is the surrogate pair D83D DE00, so it sorts before \ufb01 (ﬁ) by code unit though after it by code point.
    expect(canonicalJson({ '\ufb01': 0, '😀': 1, '€': 2, a: 3, B: 4, '': 5 })).to.equal(
      '{"":5,"B":4,"a":3,"€":2,"😀":1,"\ufb01":0}',
    );
  });

  it('keeps unicode as written and escapes what JSON must escape', () => {
    expect(canonicalJson({ s: 'Zoë\n"q"\\ 😀 \u0000' })).to.equal('{"s":"Zoë\\n\\"q\\"\\\\ 😀 \\u0000"}');
  });

  it('writes numbers the ECMAScript way', () => {
    expect(canonicalJson([1, -0, 1.5, 1e21, 1e-7, 0.1 + 0.2])).to.equal('[1,0,1.5,1e+21,1e-7,0.30000000000000004]');
  });

  it('keeps nested and empty arrays and objects', () => {
    expect(canonicalJson([[[]], {}, [{}], [[1, [2]]]])).to.equal('[[[]],{},[{}],[[1,[2]]]]');
  });

  it('leaves out undefined properties and writes undefined elements and holes as null, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).to.equal('{"b":1}');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const holey = [, 1];
    expect(canonicalJson([undefined, ...[2]])).to.equal('[null,2]');
    expect(canonicalJson(holey)).to.equal('[null,1]');
  });

  it('refuses values that are not JSON', () => {
    const notJson: unknown[] = [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n,
      Symbol('s'),
      () => 1,
      { f: () => 1 },
      new Date(0),
      new Map([['a', 1]]),
      new Set([1]),
      Buffer.from('x'),
      new Uint8Array(2),
      // biome-ignore lint/complexity/useRegexLiterals: a RegExp object is the point
      new RegExp('x'),
      { toJSON: () => 'x' },
    ];
    for (const value of notJson) expect(() => canonicalJson(value), String(value)).to.throw(TypeError);
  });

  it('refuses circular structures but accepts shared ones', () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).to.equal('[{"a":1},{"a":1}]');
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => canonicalJson(loop)).to.throw(TypeError, /circular/);
  });
});
