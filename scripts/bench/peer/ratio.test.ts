import { expect } from 'chai';
import { ratio } from './section.js';

describe('peer ratio (ours / Emmett)', () => {
  it('is ours over theirs to two decimals, and null when either side is missing or zero', () => {
    expect(ratio(151, 769)).to.equal(0.2);
    expect(ratio(300, 150)).to.equal(2);
    expect(ratio(null, 100)).to.equal(null);
    expect(ratio(100, null)).to.equal(null);
    expect(ratio(100, 0)).to.equal(null);
  });
});
