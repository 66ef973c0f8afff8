import { expect } from 'chai';
import { MasterKey } from './master-key.js';
import { keyBinding } from './subject.js';

describe('master key', () => {
  it('reads 32 bytes as hex or base64, and refuses anything else', () => {
    expect(() => MasterKey.parse('ab'.repeat(32))).not.to.throw();
    expect(() => MasterKey.parse(Buffer.alloc(32, 7).toString('base64'))).not.to.throw();
    expect(() => MasterKey.parse('short')).to.throw(/32 bytes/);
  });

  it('binds a wrapped key to its subject, kind included', () => {
    const master = MasterKey.generate();
    const p1 = { kind: 'patient', id: 'p1' } as const;
    const wrapped = master.wrap(Buffer.alloc(32, 1), keyBinding('h1', p1, 2));
    expect(master.unwrap(wrapped, keyBinding('h1', p1, 2)).equals(Buffer.alloc(32, 1))).to.equal(true);
    expect(() => master.unwrap(wrapped, keyBinding('h1', { kind: 'patient', id: 'p2' }, 2))).to.throw();
    expect(() => master.unwrap(wrapped, keyBinding('h1', { kind: 'staff', id: 'p1' }, 2))).to.throw();
    expect(() => master.unwrap(wrapped, keyBinding('h2', p1, 2))).to.throw();
  });

  it('keeps the binding of keys made when the store was keyed by patient (format 1: hospital and id)', () => {
    expect(keyBinding('h1', { kind: 'patient', id: 'p1' }, 1)).to.equal('h1\u0000p1');
  });
});
