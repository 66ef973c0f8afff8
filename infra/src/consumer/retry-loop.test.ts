import { expect } from 'chai';
import type { ConsumedBatch, Consumer, EventBus } from '../bus/port.js';
import { retryLoop, Stopping, startable } from './retry-loop.js';
import { startConsuming } from './start-consuming.js';

const fast = { initialMs: 1, maxMs: 5 };
const away = () => Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
const unknownTopic = () => Object.assign(new Error('no such topic'), { name: 'UnknownTopic' });

describe('consumer retry loop (shared by projectors and process managers)', () => {
  it('retries a server that is away until it answers, counting and reporting each retry', async () => {
    const reported: [string, number, boolean][] = [];
    const loop = retryLoop({
      backoff: fast,
      onRetry: (e, attempt, t) => reported.push([(e as Error).message, attempt, t]),
    });
    let calls = 0;
    const value = await loop.untilDone(async () => {
      if (++calls < 4) throw away();
      return 'opened';
    });
    expect(value).to.equal('opened');
    expect(loop.retries).to.equal(3);
    expect(reported).to.deep.equal([
      ['connect', 1, true],
      ['connect', 2, true],
      ['connect', 3, true],
    ]);
  });

  it('does not retry a bug: it is thrown at once', async () => {
    const loop = retryLoop({ backoff: fast });
    const error = await loop.untilDone(async () => Promise.reject(new TypeError('x is undefined'))).catch((e) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect(loop.retries).to.equal(0);
  });

  it('waits out a missing topic only where told to (joining the group)', () => {
    expect(startable(unknownTopic())).to.equal(true);
    expect(startable(away())).to.equal(true);
    expect(startable(new RangeError('bad'))).to.equal(false);
  });

  it('ends a long wait at once when stopped, with Stopping carrying the failure', async () => {
    const stopping = new AbortController();
    const loop = retryLoop({ backoff: { initialMs: 60_000, maxMs: 60_000 }, signal: stopping.signal });
    const started = Date.now();
    const waiting = loop.untilDone(async () => Promise.reject(away())).catch((e) => e);
    setTimeout(() => stopping.abort(), 20);
    const error = await waiting;
    expect(error).to.be.instanceOf(Stopping);
    expect((error as Error).cause).to.have.property('code', 'ECONNREFUSED');
    expect(Date.now() - started).to.be.below(5_000);
    expect(loop.stopping).to.equal(true);
    expect(() => loop.throwIfStopping(undefined)).to.throw(Stopping);
  });

  it('starts in order: topics made, prepared, group joined, waiting out a missing topic', async () => {
    const steps: string[] = [];
    let joins = 0;
    const consumer: Consumer = {
      lag: async () => [],
      progress: () => ({ joined: true, progressAt: 0 }),
      stop: async () => {},
    };
    const bus = {
      ensureTopics: async (topics: readonly string[], partitions: number) => {
        steps.push(`topics ${topics.join(',')} x${partitions}`);
      },
      consume: async (options: { groupId: string; topics: readonly string[] }) => {
        steps.push(`join ${options.groupId} ${options.topics.join(',')}`);
        if (++joins < 3) throw unknownTopic();
        return consumer;
      },
    } as unknown as EventBus;
    const got = await startConsuming(retryLoop({ backoff: fast }), {
      bus,
      groupId: 'g',
      topics: ['t1', 't2'],
      dlqTopic: 'dlq',
      partitions: 3,
      prepare: async () => {
        steps.push('prepare');
      },
      handleBatch: async (_: ConsumedBatch) => {},
    });
    expect(got).to.equal(consumer);
    expect(steps).to.deep.equal(['topics t1,t2,dlq x3', 'prepare', 'join g t1,t2', 'join g t1,t2', 'join g t1,t2']);
  });

  it('gives up a start on a failure that waiting will not cure', async () => {
    const bus = {
      ensureTopics: async () => {},
      consume: async () => Promise.reject(new Error('group authorization failed')),
    } as unknown as EventBus;
    const error = await startConsuming(retryLoop({ backoff: fast }), {
      bus,
      groupId: 'g',
      topics: ['t'],
      dlqTopic: 'dlq',
      handleBatch: async () => {},
    }).catch((e) => e);
    expect((error as Error).message).to.equal('group authorization failed');
  });
});
