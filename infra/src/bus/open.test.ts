import { expect } from 'chai';
import { InProcessBus } from './in-process/bus.js';
import { KafkaBus } from './kafka/bus.js';
import { openEventBus } from './open.js';

describe('openEventBus', () => {
  it('chooses Kafka when brokers are configured, the in-process bus otherwise', async () => {
    expect(openEventBus({})).to.be.instanceOf(InProcessBus);
    expect(openEventBus({ brokers: undefined })).to.be.instanceOf(InProcessBus);
    const kafka = openEventBus({ brokers: '127.0.0.1:9' });
    expect(kafka).to.be.instanceOf(KafkaBus);
    await kafka.close();
  });
});
