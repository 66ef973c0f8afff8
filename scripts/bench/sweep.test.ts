import { expect } from 'chai';
import { findKnee, interleaveLanes, runSweep, type SweepPoint, sweepRates } from './sweep.js';

const point = (rate: number, p99: number | null, extra: Partial<SweepPoint> = {}): SweepPoint => ({
  rate,
  achieved: rate,
  p50: p99 === null ? null : p99 / 2,
  p99,
  errors: 0,
  ...extra,
});

describe('bench: the rate sweep', () => {
  it('brackets the closed loop rate, whole rates, no duplicates, rising', () => {
    expect(sweepRates(240)).to.deep.equal([30, 60, 120, 180, 240, 300]);
    expect(sweepRates(4)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(() => sweepRates(0)).to.throw(RangeError);
  });

  it('puts the knee at the last rate before p99 more than doubled', () => {
    const knee = findKnee([point(30, 20), point(60, 24), point(120, 38), point(180, 90), point(240, 300)]);
    expect(knee).to.deep.equal({ rate: 120, turnedUpAt: 180 });
  });

  it('does not call a doubling under the floor an upturn (10 → 22 ms is a hiccup on a quiet machine)', () => {
    expect(findKnee([point(57, 10.5), point(114, 22), point(228, 49), point(342, 51)])).to.deep.equal({
      rate: 228,
      turnedUpAt: 342,
    });
  });

  it('counts a rate not achieved, or a failed command, as turned up', () => {
    expect(findKnee([point(30, 10), point(60, 11, { achieved: 50 })])).to.deep.equal({ rate: 30, turnedUpAt: 60 });
    expect(findKnee([point(30, 10), point(60, 11, { errors: 1 })])).to.deep.equal({ rate: 30, turnedUpAt: 60 });
  });

  it('says when p99 never turned up within the sweep, and when even the lowest rate had', () => {
    expect(findKnee([point(30, 10), point(60, 12)])).to.deep.equal({ rate: 60, turnedUpAt: null });
    expect(findKnee([point(30, null, { errors: 3 })])).to.deep.equal({ rate: null, turnedUpAt: 30 });
  });

  it('stops one point after the upturn', async () => {
    const p99s: Record<number, number> = { 10: 5, 20: 6, 40: 60, 80: 90 };
    const tried: number[] = [];
    const points = await runSweep([10, 20, 40, 80], async (rate) => {
      tried.push(rate);
      return point(rate, p99s[rate]!);
    });
    expect(tried).to.deep.equal([10, 20, 40]);
    expect(points.map((p) => p.rate)).to.deep.equal([10, 20, 40]);
  });
});

describe('bench: lanes interleaved for the sweep', () => {
  it('takes lanes in turn and keeps each lane in order', () => {
    const items = ['a1', 'a2', 'a3', 'b1', 'c1', 'c2'];
    expect(interleaveLanes(items, (s) => s[0]!)).to.deep.equal(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });
});
