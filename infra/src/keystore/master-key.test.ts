import { expect } from 'chai';
import { MasterKey } from './master-key.js';

describe('master key', () => {
  it('reads 32 bytes as hex or base64, and refuses anything else', () => {
    expect(() => MasterKey.parse('ab'.repeat(32))).not.to.throw();
    expect(() => MasterKey.parse(Buffer.alloc(32, 7).toString('base64'))).not.to.throw();
    expect(() => MasterKey.parse('short')).to.throw(/32 bytes/);
  });

  it('binds a wrapped key to its patient', () => {
    const master = MasterKey.generate();
    const wrapped = master.wrap(Buffer.alloc(32, 1), 'h1', 'p1');
    expect(master.unwrap(wrapped, 'h1', 'p1').equals(Buffer.alloc(32, 1))).to.equal(true);
    expect(() => master.unwrap(wrapped, 'h1', 'p2')).to.throw();
  });
});
