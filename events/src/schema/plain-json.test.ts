import { expect } from 'chai';
import { toPlainJson } from './plain-json.js';

describe('toPlainJson', () => {
  it('turns class instances into plain objects, keeping arrays, bytes and scalars', () => {
    class Record_ {
      constructor(
        readonly a: number,
        readonly nested: unknown,
      ) {}
    }
    const bytes = Buffer.from('x');
    const plain = toPlainJson(new Record_(1, [new Record_(2, null), 'b', bytes])) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).to.equal(Object.prototype);
    expect(plain).to.deep.equal({ a: 1, nested: [{ a: 2, nested: null }, 'b', bytes] });
    expect((plain['nested'] as unknown[])[2]).to.equal(bytes);
  });

  it('keeps a map key named __proto__ as a key, never as the prototype', () => {
    const map = JSON.parse('{"__proto__": {"polluted": true}, "k": 1}') as Record<string, unknown>;
    const plain = toPlainJson(map) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).to.equal(Object.prototype);
    expect(Object.keys(plain)).to.deep.equal(['__proto__', 'k']);
    expect((plain as { polluted?: unknown }).polluted).to.equal(undefined);
  });
});
