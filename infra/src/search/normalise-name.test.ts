import { expect } from 'chai';
import { nameTokens, normaliseName } from './normalise-name.js';

describe('search: name normalisation', () => {
  it('folds case and accents, drops apostrophes, turns other punctuation into single spaces', () => {
    expect(normaliseName("O'Brien")).to.equal('obrien');
    expect(normaliseName('o’neil')).to.equal('oneil');
    expect(normaliseName('Zoë')).to.equal('zoe');
    expect(normaliseName('ANNE-MARIE  de la Cruz')).to.equal('anne marie de la cruz');
    expect(normaliseName('José María')).to.equal('jose maria');
    expect(normaliseName('Nguyễn Văn A')).to.equal('nguyen van a');
    expect(normaliseName('  ')).to.equal('');
  });

  it('tokens are distinct, sorted, and never empty', () => {
    expect(nameTokens('Anne-Marie', 'de la Cruz', 'anne')).to.deep.equal(['anne', 'cruz', 'de', 'la', 'marie']);
    expect(nameTokens('  ', "O'Brien")).to.deep.equal(['obrien']);
  });
});
