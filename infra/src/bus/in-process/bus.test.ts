import { expect } from 'chai';
import { eventBusContract } from '../contract.js';
import { UnknownTopic } from '../errors.js';
import { InProcessBus } from './bus.js';

describe('InProcessBus', () => {
  eventBusContract(async () => new InProcessBus(), 5_000);

  it('refuses a topic that was never created', async () => {
    const bus = new InProcessBus();
    const publishing = bus.publish('nowhere', [{ key: 'h', value: Buffer.from('x'), headers: {} }]);
    const error = await publishing.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UnknownTopic);
    const consuming = await bus
      .consume({ groupId: 'g', topics: ['nowhere'], handleBatch: async () => {} })
      .catch((e: unknown) => e);
    expect(consuming).to.be.instanceOf(UnknownTopic);
  });

  it("hands each consumer its own bytes: scribbling on a batch's values changes no other value, redelivery or group", async () => {
    const bus = new InProcessBus();
    await bus.ensureTopics(['t'], 1);
    const values = ['first', 'second', 'third'];
    await bus.publish(
      't',
      values.map((v) => ({ key: 'h', value: Buffer.from(v), headers: {} })),
    );
    const seen: string[][] = [];
    let scribble = true;
    const afterScribble: string[] = [];
    const consumer = await bus.consume({
      groupId: 'scribbler',
      topics: ['t'],
      handleBatch: async (batch) => {
        seen.push(batch.messages.map((m) => m.value.toString()));
        if (!scribble) return;
        scribble = false;
        batch.messages[0]!.value.fill(0x78);
        afterScribble.push(...batch.messages.map((m) => m.value.toString()));
        throw new Error('redeliver it');
      },
    });
    const other: string[] = [];
    const reader = await bus.consume({
      groupId: 'other',
      topics: ['t'],
      handleBatch: async (batch) => {
        other.push(...batch.messages.map((m) => m.value.toString()));
      },
    });
    for (let i = 0; i < 100 && (seen.length < 2 || other.length < 3); i++) await new Promise((r) => setTimeout(r, 20));
    await consumer.stop();
    await reader.stop();
    expect(seen[0]).to.deep.equal(values);
    expect(afterScribble, "the batch's other values").to.deep.equal(['xxxxx', 'second', 'third']);
    expect(seen[1], 'the redelivered batch').to.deep.equal(values);
    expect(other).to.deep.equal(values);
  });
});
