import { expect } from 'chai';
import { censoredPercentile, ms, percentile, perSecond, summarise } from './stats.js';

describe('bench stats', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).to.equal(5);
    expect(percentile(samples, 90)).to.equal(9);
    expect(percentile(samples, 99)).to.equal(10);
    expect(percentile(samples, 100)).to.equal(10);
    expect(percentile(samples, 0)).to.equal(1);
  });

  it('does not sort the caller’s array in place', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).to.deep.equal([3, 1, 2]);
  });

  it('puts p99 of 1,000 samples at the 990th value, so one slow outlier in a hundred shows', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => (i < 985 ? 1 : 100));
    expect(percentile(samples, 99)).to.equal(100);
    expect(percentile(samples, 50)).to.equal(1);
  });

  it('answers null for no samples and refuses a percentile outside 0..100', () => {
    expect(percentile([], 50)).to.equal(null);
    expect(summarise([])).to.deep.equal({ count: 0, p50: null, p99: null, max: null });
    expect(() => percentile([1], 101)).to.throw(RangeError);
    expect(() => percentile([1], Number.NaN)).to.throw(RangeError);
  });

  it('rounds rates to whole numbers and milliseconds to two decimals', () => {
    expect(perSecond(150, 1000)).to.equal(150);
    expect(perSecond(1, 3000)).to.equal(0);
    expect(perSecond(10, 0)).to.equal(null);
    expect(ms(1.23456)).to.equal(1.23);
    expect(ms(null)).to.equal(null);
  });

  it('counts samples cut off at a limit as longer than every measured one', () => {
    const measured = Array.from({ length: 97 }, (_, i) => i + 1);
    // 97 measured + 3 cut off: p50 is a measured value, p99 lands on a cut-off sample.
    expect(censoredPercentile(measured, 3, 50)).to.deep.equal({ value: 50, beyondLimit: false });
    expect(censoredPercentile(measured, 3, 99)).to.deep.equal({ value: null, beyondLimit: true });
    // With none cut off it is the plain percentile.
    expect(censoredPercentile(measured, 0, 99)).to.deep.equal({ value: percentile(measured, 99), beyondLimit: false });
    // Cut off under 1 %: p99 is still measured.
    const many = Array.from({ length: 999 }, (_, i) => i + 1);
    expect(censoredPercentile(many, 1, 99)).to.deep.equal({ value: 990, beyondLimit: false });
  });
});
