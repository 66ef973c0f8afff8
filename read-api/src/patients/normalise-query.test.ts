import { expect } from 'chai';
import * as projection from '../../../projections/src/patients/normalise.js';
import { nameTokens, normaliseName } from './normalise-query.js';

describe('read API: name normalisation matches the projection’s', () => {
  const samples = [
    "O'Brien",
    'Zoë',
    'ANNE-MARIE  de la Cruz',
    'Ægir Þór',
    'José María',
    '  ',
    'Nguyễn Văn A',
    'o’neil',
  ];
  it('normalises queries exactly as the search keys were stored', () => {
    for (const s of samples) {
      expect(normaliseName(s), s).to.equal(projection.normaliseName(s));
      expect(nameTokens(s, 'Smith'), s).to.deep.equal(projection.nameTokens(s, 'Smith'));
    }
  });
});
