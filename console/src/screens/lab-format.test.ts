import { expect } from 'chai';
import { minutesText, resultText } from './lab-format.js';

describe('console: lab values and ages as people read them', () => {
  it('shows a result with its unit and a critical flag in capitals', () => {
    const base = {
      valueCode: null,
      valueText: null,
      rangeLow: 3.5,
      rangeHigh: 5.1,
      criticalLow: 2.5,
      criticalHigh: 6.5,
      recordedAt: '2026-01-01T00:00:00Z',
    };
    expect(resultText({ ...base, valueNumber: 7.2, unit: 'mmol/L', flag: 'critically_high' })).to.equal(
      '7.2 mmol/L (CRITICALLY HIGH)',
    );
    expect(resultText({ ...base, valueNumber: 4.1, unit: 'mmol/L', flag: 'none' })).to.equal('4.1 mmol/L');
    expect(resultText(null)).to.equal('—');
  });

  it('says an age in minutes, hours or days', () => {
    expect(minutesText(12)).to.equal('12 min');
    expect(minutesText(-185)).to.equal('3 h 5 min');
    expect(minutesText(120)).to.equal('2 h');
    expect(minutesText(3 * 24 * 60 + 60)).to.equal('3 d 1 h');
  });
});
