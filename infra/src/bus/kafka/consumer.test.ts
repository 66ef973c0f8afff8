import { expect } from 'chai';
import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import { BusUnavailable } from '../errors.js';
import { startKafkaConsumer } from './consumer.js';

const { KafkaJSError, KafkaJSProtocolError } = kafkajs;

/** A kafkajs consumer stand-in: records what was asked of it and lets the test raise its CRASH event. */
class FakeConsumer {
  readonly events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join', STOP: 'consumer.stop' } as const;
  readonly calls: string[] = [];
  private crash?: (event: { payload: { restart?: boolean; error: Error } }) => void;
  async connect() {
    this.calls.push('connect');
  }
  async subscribe() {
    this.calls.push('subscribe');
  }
  async run() {
    this.calls.push('run');
  }
  async disconnect() {
    this.calls.push('disconnect');
  }
  on(event: string, listener: (event: { payload: { restart?: boolean; error: Error } }) => void) {
    // The consumer's own progress listeners come first; the last CRASH listener is its replacer.
    if (event === this.events.CRASH) this.crash = listener;
    return () => {};
  }
  crashed(restart: boolean) {
    this.crash?.({ payload: { restart, error: new Error('The group coordinator is not available') } });
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('kafka consumer: a consumer kafkajs gave up on is replaced (found by the chaos suite)', () => {
  it('starts a new member after a crash kafkajs will not restart, and none after one it restarts itself', async () => {
    const made: FakeConsumer[] = [];
    const kafka = {
      consumer: () => {
        const c = new FakeConsumer();
        made.push(c);
        return c;
      },
    } as unknown as Kafka;
    let restarts = 0;
    const consumer = await startKafkaConsumer(
      kafka,
      async () => ({}) as Admin,
      { groupId: 'g', topics: ['t'], handleBatch: async () => {} },
      { onRestart: () => restarts++ },
    );
    expect(made).to.have.length(1);
    made[0]!.crashed(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(made, 'kafkajs restarts this one itself').to.have.length(1);

    made[0]!.crashed(false);
    await until(() => restarts === 1);
    expect(made).to.have.length(2);
    expect(made[0]!.calls).to.deep.equal(['connect', 'subscribe', 'run', 'disconnect']);
    expect(made[1]!.calls).to.deep.equal(['connect', 'subscribe', 'run']);

    await consumer.stop();
    expect(made[1]!.calls.at(-1)).to.equal('disconnect');
  });
});

describe('kafka consumer: its lag read retries what Kafka calls retriable', () => {
  // kafkajs's own error for code 6, as the broker answers while a new topic's leader is elected.
  // (kafkajs builds it from the broker's error object; its typings only admit an Error or a string.)
  const notLeader = () =>
    new KafkaJSProtocolError({
      type: 'NOT_LEADER_FOR_PARTITION',
      code: 6,
      retriable: true,
      message: 'This server is not the leader for that topic-partition',
    } as unknown as Error);

  /** A consumer whose admin's end-offset read fails `failures` times with `error`, then answers. */
  async function lagReader(failures: number, error: Error, attempts = 5) {
    let calls = 0;
    const admin = {
      fetchOffsets: async () => [{ topic: 't', partitions: [{ partition: 0, offset: '4' }] }],
      fetchTopicOffsets: async () => {
        calls += 1;
        if (calls <= failures) throw error;
        return [{ partition: 0, offset: '10', high: '10', low: '0' }];
      },
    } as unknown as Admin;
    const kafka = { consumer: () => new FakeConsumer() } as unknown as Kafka;
    const consumer = await startKafkaConsumer(
      kafka,
      async () => admin,
      { groupId: 'g', topics: ['t'], handleBatch: async () => {} },
      { lagRead: { attempts, backoff: { initialMs: 1, maxMs: 2 } } },
    );
    return { lag: () => consumer.lag(), calls: () => calls };
  }

  it('reads again after a retriable error such as "not the leader for that topic-partition"', async () => {
    const r = await lagReader(2, notLeader());
    expect(await r.lag()).to.deep.equal([{ topic: 't', partition: 0, lag: 6 }]);
    expect(r.calls()).to.equal(3);
  });

  it('gives up after the last attempt: Kafka is away, the last error its cause', async () => {
    const r = await lagReader(9, notLeader(), 3);
    const error = await r.lag().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BusUnavailable);
    expect((error as Error).cause).to.be.instanceOf(KafkaJSProtocolError);
    expect(r.calls()).to.equal(3);
  });

  it('does not retry an error Kafka does not call retriable', async () => {
    const r = await lagReader(1, new KafkaJSError('Not authorized', { retriable: false }));
    const error = await r.lag().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BusUnavailable);
    expect((error as Error).cause).to.be.instanceOf(KafkaJSError);
    expect(r.calls()).to.equal(1);
  });

  it('does not retry an error that is not Kafka’s', async () => {
    const r = await lagReader(1, new TypeError('bug'));
    const error = await r.lag().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect(r.calls()).to.equal(1);
  });
});
