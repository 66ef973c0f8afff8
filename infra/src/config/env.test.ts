import { expect } from 'chai';
import { z } from 'zod';
import { ConfigError, readEnv } from './env.js';
import { eventStoreUrl, kafkaBrokers, port } from './variables.js';

const schema = z.object({ PORT: port(8080), EVENT_STORE_URL: eventStoreUrl, KAFKA_BROKERS: kafkaBrokers.optional() });

describe('readEnv', () => {
  it('reads, coerces and defaults the variables a process declares', () => {
    const config = readEnv(schema, { EVENT_STORE_URL: 'sqlite:.data/events.db', UNRELATED: 'x' });
    expect(config).to.deep.equal({ PORT: 8080, EVENT_STORE_URL: 'sqlite:.data/events.db' });
  });

  it('names every missing or malformed variable, and not its value', () => {
    try {
      readEnv(schema, { PORT: 'eighty', KAFKA_BROKERS: 'secret-host' });
      expect.fail('readEnv accepted a bad environment');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(variables).to.deep.equal(['EVENT_STORE_URL', 'KAFKA_BROKERS', 'PORT']);
      expect((error as Error).message).not.to.contain('secret-host');
    }
  });

  it('treats an empty variable as unset', () => {
    expect(() => readEnv(schema, { EVENT_STORE_URL: '' })).to.throw(ConfigError, /EVENT_STORE_URL/);
  });
});
