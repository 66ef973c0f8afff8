import { expect } from 'chai';
import { requireService } from '../../testing/services.js';
import { eventBusContract } from '../contract.js';
import { BusUnavailable, UnknownTopic } from '../errors.js';
import { KafkaBus } from './bus.js';

describe('KafkaBus', () => {
  let brokers: string;
  before(function () {
    brokers = requireService(this, 'KAFKA_BROKERS');
  });

  eventBusContract(async () => new KafkaBus({ brokers, clientId: 'contract' }), 45_000);

  it('refuses a topic that was never created', async () => {
    const bus = new KafkaBus({ brokers });
    try {
      const error = await bus
        .publish(`contract.missing.${Date.now()}`, [{ key: 'h', value: Buffer.from('x'), headers: {} }])
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(UnknownTopic);
    } finally {
      await bus.close();
    }
  });

  it('answers BusUnavailable, and false from ping, when no broker listens', async () => {
    const bus = new KafkaBus({ brokers: '127.0.0.1:9', retries: 1 });
    try {
      expect(await bus.ping()).to.equal(false);
      const publishing = await bus
        .publish('any', [{ key: 'h', value: Buffer.from('x'), headers: {} }])
        .catch((e: unknown) => e);
      expect(publishing).to.be.instanceOf(BusUnavailable);
      expect(await bus.ensureTopics(['any'], 1).catch((e: unknown) => e)).to.be.instanceOf(BusUnavailable);
    } finally {
      await bus.close();
    }
  });
});
