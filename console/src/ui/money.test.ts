import { expect } from 'chai';
import { formatMoney, parseMoney } from './money.js';

describe('console: money in minor units', () => {
  it('reads amounts typed in the currency into minor units, by its own decimals', () => {
    expect(parseMoney('12.50', 'GBP')).to.equal(1250);
    expect(parseMoney('12', 'GBP')).to.equal(1200);
    expect(parseMoney('0,05', 'EUR')).to.equal(5);
    expect(parseMoney('1200', 'JPY')).to.equal(1200);
    expect(parseMoney('12.5', 'JPY')).to.equal(undefined);
    expect(parseMoney('12.505', 'GBP')).to.equal(undefined);
    expect(parseMoney('-3', 'GBP')).to.equal(undefined);
  });

  it('shows minor units as the currency', () => {
    expect(formatMoney(5000, 'GBP')).to.match(/50\.00/);
    expect(formatMoney(1200, 'JPY')).to.match(/1,?200/);
    expect(formatMoney(7, null)).to.equal('7');
  });
});
