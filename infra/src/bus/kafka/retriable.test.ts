import { expect } from 'chai';
import kafkajs from 'kafkajs';
import { retryRetriable } from './retriable.js';

const { KafkaJSError, KafkaJSProtocolError } = kafkajs;

/** A read that fails `failures` times with `error`, then answers. */
function failing(failures: number, error: Error) {
  let calls = 0;
  return {
    read: async () => {
      calls += 1;
      if (calls <= failures) throw error;
      return 'offsets';
    },
    calls: () => calls,
  };
}

describe('retryRetriable (Kafka admin reads)', () => {
  // kafkajs's own error for code 6, as the broker answers while a new topic's leader is elected.
  // (kafkajs builds it from the broker's error object; its typings only admit an Error or a string.)
  const notLeader = () =>
    new KafkaJSProtocolError({
      type: 'NOT_LEADER_FOR_PARTITION',
      code: 6,
      retriable: true,
      message: 'This server is not the leader for that topic-partition',
    } as unknown as Error);

  it('reads again after a retriable error such as "not the leader for that topic-partition"', async () => {
    const r = failing(2, notLeader());
    expect(await retryRetriable(r.read, { delayMs: 1 })).to.equal('offsets');
    expect(r.calls()).to.equal(3);
  });

  it('gives up after the last attempt, throwing the error', async () => {
    const r = failing(9, notLeader());
    const error = await retryRetriable(r.read, { attempts: 3, delayMs: 1 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(KafkaJSProtocolError);
    expect(r.calls()).to.equal(3);
  });

  it('throws at once an error Kafka does not call retriable', async () => {
    const r = failing(1, new KafkaJSError('Not authorized', { retriable: false }));
    const error = await retryRetriable(r.read, { delayMs: 1 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(KafkaJSError);
    expect(r.calls()).to.equal(1);
  });

  it('throws at once an error that is not Kafka’s', async () => {
    const r = failing(1, new TypeError('bug'));
    const error = await retryRetriable(r.read, { delayMs: 1 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect(r.calls()).to.equal(1);
  });
});
