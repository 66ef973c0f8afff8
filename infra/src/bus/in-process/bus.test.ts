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
});
