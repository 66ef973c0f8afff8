import { expect } from 'chai';
import { workloadDays } from './workload.js';

describe('chaos workload: enough generated days for the run', () => {
  it('keeps the 60 days a short round or a plain full run needs', () => {
    expect(workloadDays(300, 250)).to.equal(60);
    expect(workloadDays(900, 150)).to.equal(90);
  });

  it('gives a 20-minute soak and its faults days enough that no lane runs out (60 ran out 21 minutes in)', () => {
    const days = workloadDays(1200 + 900, 150);
    // A lane sends at most one command per 150 ms, ~100 commands a day of activity.
    expect((days * 100 * 150) / 1000).to.be.greaterThan(2100);
    expect(days).to.equal(210);
  });
});
