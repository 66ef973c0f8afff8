import { expect } from 'chai';
import { retryable, workloadDays } from './workload.js';

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

describe('chaos workload: what an app sends again with the same key', () => {
  it('a 5xx, a 429, and the 409 saying the first attempt with this key is still running', () => {
    expect(retryable({ status: 503, json: {} })).to.equal(true);
    expect(retryable({ status: 429, json: {} })).to.equal(true);
    expect(retryable({ status: 409, json: { type: '/problems/idempotency-key-in-use' } })).to.equal(true);
  });

  it("not a rule's refusal, even a 409, nor a 4xx of the request's own", () => {
    expect(retryable({ status: 409, json: { type: '/problems/bed-occupied', rule: 'bed-occupied' } })).to.equal(false);
    expect(retryable({ status: 422, json: {} })).to.equal(false);
    expect(retryable({ status: 422, json: { type: '/problems/idempotency-key-reused' } })).to.equal(false);
  });
});
