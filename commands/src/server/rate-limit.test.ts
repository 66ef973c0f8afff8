import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness } from './testing/harness.js';

/** Issue 21 item 9 on one command API, counted in process (the embedded start). */
describe('command API: per-caller rate limit', () => {
  it('answers 429 problem+json with Retry-After beyond the limit, per caller, writing nothing', async () => {
    const h = await commandHarness({ rateLimit: { requests: 3, windowSeconds: 60 } });
    const open = async (sub: string, bedId: string) =>
      request(h.app)
        .post('/hospitals/h1/wardtest/open-bed')
        .set('Authorization', `Bearer ${await h.token({ sub })}`)
        .set('Idempotency-Key', uuidv7())
        .send({ bedId });
    for (const bed of ['b1', 'b2', 'b3']) expect((await open('busy', bed)).status).to.equal(201);
    const refused = await open('busy', 'b4');
    expect(refused.status).to.equal(429);
    expect(refused.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(refused.body).to.include({ type: '/problems/too-many-requests', limit: 3, windowSeconds: 60 });
    expect(refused.body.detail).to.include('3 requests per 60 s');
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
    expect((await h.eventStore.readAll()).map((e) => e.data['bedId'])).to.deep.equal(['b1', 'b2', 'b3']);
    // Another caller has a budget of their own.
    expect((await open('calm', 'b4')).status).to.equal(201);
  });

  it('has no limit unless configured', async () => {
    const h = await commandHarness();
    const token = await h.token();
    for (let i = 0; i < 20; i++) {
      const res = await request(h.app)
        .post('/hospitals/h1/wardtest/open-bed')
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', uuidv7())
        .send({ bedId: `b${i}` });
      expect(res.status).to.equal(201);
    }
  });

  it('is declared in /openapi.json: 429 with Retry-After on every authenticated operation', async () => {
    const h = await commandHarness({ rateLimit: { requests: 3, windowSeconds: 60 } });
    const doc = (await request(h.app).get('/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { headers?: object }> }>>;
    };
    const operations = Object.values(doc.paths).flatMap((path) => Object.values(path));
    const authenticated = operations.filter((op) => (op.security ?? []).length > 0);
    expect(authenticated).to.not.be.empty;
    for (const op of authenticated) {
      expect(op.responses).to.have.property('429');
      expect(op.responses['429']?.headers).to.have.property('Retry-After');
    }
  });
});
