import { expect } from 'chai';
import type { Admin, Kafka } from 'kafkajs';
import { startKafkaConsumer } from './consumer.js';

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
