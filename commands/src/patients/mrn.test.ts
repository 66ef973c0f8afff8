import { expect } from 'chai';
import { formatMrn, isValidMrn, luhnCheckDigit } from './mrn.js';

describe('MRN check digit (Luhn mod 10)', () => {
  it('matches the published Luhn example', () => {
    // ISO/IEC 7812 worked example: 7992739871 → check digit 3.
    expect(luhnCheckDigit('7992739871')).to.equal(3);
  });

  it('formats the sequence zero-padded to 7 digits plus the check digit', () => {
    expect(formatMrn(1)).to.equal('00000018');
    expect(formatMrn(42)).to.equal('00000422');
    expect(formatMrn(12345678)).to.equal('123456782');
  });

  it('catches every single-digit typo and adjacent transposition of a number', () => {
    const mrn = formatMrn(4_711_058);
    expect(isValidMrn(mrn)).to.equal(true);
    for (let i = 0; i < mrn.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === mrn[i]) continue;
        expect(isValidMrn(mrn.slice(0, i) + d + mrn.slice(i + 1)), `${i}:${d}`).to.equal(false);
      }
    }
    expect(isValidMrn(`${mrn[1]}${mrn[0]}${mrn.slice(2)}`)).to.equal(mrn[0] === mrn[1]);
  });

  it('refuses non-numeric input', () => {
    expect(isValidMrn('0000001A')).to.equal(false);
    expect(isValidMrn('')).to.equal(false);
  });
});
