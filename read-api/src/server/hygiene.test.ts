import { expect } from 'chai';
import request from 'supertest';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';
import { createReadApp } from './app.js';

/** Issue 21 items 10 and 12 at the read API's HTTP surface. */
describe('read API: HTTP hygiene', () => {
  let stores: Stores;
  let h: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  let nurse: string;
  const auth = tokens();

  before(async () => {
    stores = memoryStores();
    h = await seedHospital(stores, 'h1');
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth });
    nurse = await auth.mint('nurse', ['h1']);
  });

  for (const encoding of ['gzip', 'deflate', 'br']) {
    it(`answers 400 problem+json, not 500, to a body that is not valid ${encoding}`, async () => {
      const res = await request(app)
        .post('/hospitals/h1/patients/search')
        .set('Authorization', `Bearer ${nurse}`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send(Buffer.from('this is not compressed at all, just bytes'));
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.body.type).to.equal('/problems/malformed-encoding');
      expect(res.body.detail).to.include(encoding);
    });
  }

  it('marks an answer with personal data no-store and nosniff', async () => {
    const res = await request(app).get(`/hospitals/h1/patients/${h.ada}`).set('Authorization', `Bearer ${nurse}`);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('marks a search answer (names, MRNs) no-store too', async () => {
    const res = await request(app)
      .post('/hospitals/h1/patients/search')
      .set('Authorization', `Bearer ${nurse}`)
      .send({ mrn: '00000018' });
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('puts nosniff on problems as well', async () => {
    const res = await request(app).get('/hospitals/h1/census');
    expect(res.status).to.equal(401);
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('states the body limit in a 413', async () => {
    const res = await request(app)
      .post('/hospitals/h1/patients/search')
      .set('Authorization', `Bearer ${nurse}`)
      .send({ name: 'x'.repeat(20_000) });
    expect(res.status).to.equal(413);
    expect(res.body.detail).to.include('16kb');
  });

  it('an ISO date-time without an offset is a 400 that says the offset is required', async () => {
    const auditor = await auth.mint('auditor', ['h1']);
    const res = await request(app)
      .get('/hospitals/h1/audit/events?from=2026-03-01T14:30:00')
      .set('Authorization', `Bearer ${auditor}`);
    expect(res.status).to.equal(400);
    const [error] = res.body.errors;
    expect(error.field).to.equal('query.from');
    expect(error.message).to.include('UTC offset').and.include('2026-03-01T14:30:00Z');
  });

  it('a per-caller rate limit answers 429 with Retry-After beyond it; another caller is not affected', async () => {
    const limited = createReadApp({ ...stores, auth: auth.auth, rateLimit: { requests: 2, windowSeconds: 30 } });
    const census = (token: string) =>
      request(limited).get('/hospitals/h1/census').set('Authorization', `Bearer ${token}`);
    expect((await census(nurse)).status).to.equal(200);
    expect((await census(nurse)).status).to.equal(200);
    const refused = await census(nurse);
    expect(refused.status).to.equal(429);
    expect(refused.body.type).to.equal('/problems/too-many-requests');
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 30);
    expect((await census(await auth.mint('nurse', ['h1'], 'another-nurse'))).status).to.equal(200);
  });
});
