import { expect } from 'chai';
import { ConsistencyTokens } from './consistency.js';

describe('console: consistency tokens', () => {
  it('sends the highest position written for that hospital only', () => {
    const t = new ConsistencyTokens();
    expect(t.header('riverside')).to.deep.equal({});
    t.wrote('riverside', 12);
    t.wrote('riverside', 9);
    expect(t.header('riverside')).to.deep.equal({ 'X-Consistency-Token': '12' });
    expect(t.header('hillcrest')).to.deep.equal({});
  });
});
