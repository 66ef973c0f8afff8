import { rateLimitRedis, requireService } from '@chartline/infra';
import { expect } from 'chai';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness, type Harness } from './testing/harness.js';

/** Issue 21 item 9: the limit holds across replicas, counted in real Redis. */
describe('per-caller rate limit shared through Redis', () => {
  let redisUrl: string;
  const clients: Redis[] = [];
  before(function () {
    redisUrl = requireService(this, 'REDIS_URL', 'shared rate-limit counters');
  });
  after(() => {
    for (const client of clients) client.disconnect();
  });

  const replica = async (): Promise<Harness> => {
    const redis = rateLimitRedis(redisUrl);
    clients.push(redis);
    // Until connected, a replica counts in process (the fallback): wait, so the test is about sharing.
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    return commandHarness({ rateLimit: { requests: 5, windowSeconds: 60, redis } });
  };

  it('two command API instances share one caller’s budget: the sixth request, on either, is 429', async () => {
    const [a, b] = [await replica(), await replica()];
    // A subject unique to this run: the counters live in the shared Redis.
    const sub = `rl-${uuidv7()}`;
    const send = async (h: Harness, bedId: string) =>
      request(h.app)
        .post('/hospitals/h1/wardtest/open-bed')
        .set('Authorization', `Bearer ${await h.token({ sub })}`)
        .set('Idempotency-Key', uuidv7())
        .send({ bedId });
    const statuses = [];
    for (const [i, h] of [a, a, a, b, b].entries()) statuses.push((await send(h, `b${i}`)).status);
    expect(statuses).to.deep.equal([201, 201, 201, 201, 201]);
    for (const h of [b, a]) {
      const refused = await send(h, 'b-over');
      expect(refused.status).to.equal(429);
      expect(refused.body.type).to.equal('/problems/too-many-requests');
      expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
    }
    // Another caller, same replicas: their own budget.
    const other = await request(a.app)
      .post('/hospitals/h1/wardtest/open-bed')
      .set('Authorization', `Bearer ${await a.token({ sub: `rl-${uuidv7()}` })}`)
      .set('Idempotency-Key', uuidv7())
      .send({ bedId: 'b-other' });
    expect(other.status).to.equal(201);
  });

  it('with Redis unreachable, each replica falls back to counting in process (no 503, still limited)', async () => {
    const down = rateLimitRedis('redis://127.0.0.1:1');
    clients.push(down);
    const h = await commandHarness({ rateLimit: { requests: 2, windowSeconds: 60, redis: down } });
    const token = await h.token({ sub: `rl-${uuidv7()}` });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(h.app)
        .post('/hospitals/h1/wardtest/open-bed')
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', uuidv7())
        .send({ bedId: `d${i}` });
      statuses.push(res.status);
    }
    expect(statuses).to.deep.equal([201, 201, 429]);
  });
});
