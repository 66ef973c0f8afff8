import { expect } from 'chai';
import { type Clock, runOpenLoop, scheduleOffsets } from './open-loop.js';

/**
 * A clock that moves only when a send advances it, or — once everything is waiting — jumps to the
 * earliest wake-up: no real time passes, so nothing here depends on the machine's speed.
 */
function virtualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  let pumping = false;
  const pump = () => {
    if (pumping) return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      sleepers.sort((a, b) => a.at - b.at);
      const next = sleepers.shift();
      if (!next) return;
      now = Math.max(now, next.at);
      next.wake();
      pump();
    });
  };
  return {
    now: () => now,
    sleepUntil: (at) =>
      at <= now
        ? Promise.resolve()
        : new Promise<void>((wake) => {
            sleepers.push({ at, wake });
            pump();
          }),
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('open-loop scheduler', () => {
  it('spaces sends evenly at the rate', () => {
    expect(scheduleOffsets(4, 10)).to.deep.equal([0, 100, 200, 300]);
    expect(scheduleOffsets(0, 10)).to.deep.equal([]);
    expect(() => scheduleOffsets(3, 0)).to.throw(RangeError);
  });

  it('measures each latency from the scheduled send, so a stalled answer delays the lane and the delay is counted', async () => {
    const clock = virtualClock();
    // One lane, 10/s (every 100 ms); the first answer takes 350 ms, the others 10 ms.
    const result = await runOpenLoop({
      items: ['a', 'b', 'c', 'd'],
      ratePerSecond: 10,
      laneOf: () => 'hospital-1',
      clock,
      send: async (item) => {
        clock.advance(item === 'a' ? 350 : 10);
      },
    });
    // a: 0→350. b: scheduled 100, waits for a (350), answered 360 → 260. c: scheduled 200 → 370 → 170.
    // d: scheduled 300 → 380 → 80. A closed loop would have reported 350, 10, 10, 10.
    expect(result.latencies).to.deep.equal([350, 260, 170, 80]);
    expect(result.errors).to.equal(0);
  });

  it('keeps order within a lane and counts a rejected send as an error, not a latency', async () => {
    const clock = virtualClock();
    const order: string[] = [];
    const result = await runOpenLoop({
      items: ['h1-a', 'h2-a', 'h1-b', 'h2-b'],
      ratePerSecond: 1000,
      laneOf: (item) => item.slice(0, 2),
      clock,
      send: async (item) => {
        order.push(item);
        clock.advance(5);
        if (item === 'h2-a') throw new Error('refused');
      },
    });
    expect(order.indexOf('h1-a')).to.be.lessThan(order.indexOf('h1-b'));
    expect(order.indexOf('h2-a')).to.be.lessThan(order.indexOf('h2-b'));
    expect(result.errors).to.equal(1);
    expect(result.latencies).to.have.length(3);
  });
});
