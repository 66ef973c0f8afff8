import { expect } from 'chai';
import type { ConsumerProgress } from '../bus/port.js';
import { stallCheck } from './stall.js';

/** A consumer whose membership, last progress and lag the test sets; the clock too. */
function consumer() {
  const state = { joined: true, progressAt: 0, lag: 0, lagFails: false, now: 0 };
  const source = {
    progress: (): ConsumerProgress => ({ joined: state.joined, progressAt: state.progressAt }),
    lag: async () => {
      if (state.lagFails) throw new Error('broker away');
      return [{ lag: state.lag }];
    },
  };
  return { state, ready: stallCheck(source, 60_000, () => state.now) };
}

describe('consumer readiness: a stalled consumer is not ready', () => {
  it('is ready while it moved within the window, whatever its lag', async () => {
    const { state, ready } = consumer();
    state.lag = 500;
    state.now = 60_000;
    expect(await ready()).to.equal(true);
  });

  it('is not ready with lag and nothing committed for longer than the window, ready again once it commits', async () => {
    const { state, ready } = consumer();
    state.lag = 500;
    state.now = 60_001;
    expect(await ready()).to.equal(false);
    state.progressAt = 70_000;
    state.now = 80_000;
    expect(await ready()).to.equal(true);
  });

  it('is ready when idle past the window with nothing to do, and that restarts the clock', async () => {
    const { state, ready } = consumer();
    state.now = 3_600_000;
    expect(await ready()).to.equal(true);
    // A message arrives just after: not a stall until the window passes again without a commit.
    state.lag = 1;
    state.now = 3_600_000 + 59_000;
    expect(await ready()).to.equal(true);
    state.now = 3_600_000 + 61_000;
    expect(await ready()).to.equal(false);
  });

  it('is not ready when out of its group, or when its lag cannot be read past the window', async () => {
    const { state, ready } = consumer();
    state.joined = false;
    state.now = 1;
    expect(await ready(), 'not a member').to.equal(false);
    state.joined = true;
    state.lagFails = true;
    state.now = 120_000;
    expect(await ready(), 'lag unknown').to.equal(false);
  });
});
