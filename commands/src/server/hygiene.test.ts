import { expect } from 'chai';
import { SignJWT } from 'jose';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { AUDIENCE, allEvents, commandHarness, envelopesOf, type Harness, ISSUER } from './testing/harness.js';

/** Issue 21 items 10–12 and issue 22 items 8 and 16 at the command API's HTTP surface. */
describe('command API: HTTP hygiene and answers that say what to do', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await commandHarness();
  });

  const post = (path: string, token: string, body: unknown, key = uuidv7()) =>
    request(h.app)
      .post(`/hospitals/h1/wardtest/${path}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send(body as object);

  for (const encoding of ['gzip', 'deflate', 'br']) {
    it(`answers 400 problem+json, not 500, to a body that is not valid ${encoding}, and writes nothing`, async () => {
      const res = await request(h.app)
        .post('/hospitals/h1/wardtest/open-bed')
        .set('Authorization', `Bearer ${await h.token()}`)
        .set('Idempotency-Key', uuidv7())
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send(Buffer.from('{"bedId":"b1"} but not compressed'));
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.body.type).to.equal('/problems/malformed-encoding');
      expect(res.body.detail).to.include(encoding);
      expect(await allEvents(h.eventStore)).to.have.length(0);
    });
  }

  it('carries no-store and nosniff on answers and problems', async () => {
    const ok = await post('open-bed', await h.token(), { bedId: 'b1' });
    expect(ok.status).to.equal(201);
    expect(ok.headers['cache-control']).to.equal('no-store');
    expect(ok.headers['x-content-type-options']).to.equal('nosniff');
    const refused = await request(h.app).post('/hospitals/h1/wardtest/open-bed').send({});
    expect(refused.headers['cache-control']).to.equal('no-store');
    expect(refused.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('413 states the limit', async () => {
    const res = await post('open-bed', await h.token(), { bedId: 'x'.repeat(1_100_000) });
    expect(res.status).to.equal(413);
    expect(res.body.detail).to.include('1mb');
    expect(res.body.limit).to.equal('1mb');
  });

  it('401 says why and what to do: expired', async () => {
    const res = await post('open-bed', await h.token({ expiresIn: Math.floor(Date.now() / 1000) - 60 }), {
      bedId: 'b1',
    });
    expect(res.status).to.equal(401);
    expect(res.body.reason).to.equal('expired');
    expect(res.body.detail).to.match(/expired at .*Get a new token/);
  });

  it('401 for a token from another key (a previous start) says so', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const token = await new SignJWT({ role: 'nurse', hospitals: ['h1'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('u1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(stranger);
    const res = await post('open-bed', token, { bedId: 'b1' });
    expect(res.status).to.equal(401);
    expect(res.body.reason).to.equal('bad-signature');
    expect(res.body.detail).to.include('previous start');
  });

  it('401 for a token living longer than 12 h, naming the limit', async () => {
    const res = await post('open-bed', await h.token({ expiresIn: '13h' }), { bedId: 'b1' });
    expect(res.status).to.equal(401);
    expect(res.body.reason).to.equal('lifetime-too-long');
    expect(res.body.detail).to.include('at most 12 h');
    expect(await allEvents(h.eventStore)).to.have.length(0);
  });

  it('403 names the roles that may', async () => {
    const res = await post('open-bed', await h.token({ role: 'physician' }), { bedId: 'b1' });
    expect(res.status).to.equal(403);
    expect(res.body.detail).to.include('physician').and.include('nurse, admin');
    expect(res.body.allowedRoles).to.deep.equal(['nurse', 'admin']);
  });

  it('a token with several roles may do what any of them may; the acting role is the one that may', async () => {
    const token = await h.token({ roles: ['physician', 'admin'], sub: 'multi' });
    const res = await post('open-bed', token, { bedId: 'b1' });
    expect(res.status).to.equal(201);
    const [opened] = await envelopesOf(h.eventStore, 'testbed-h1.b1');
    expect(opened?.actor).to.deep.equal({ id: 'multi', role: 'admin' });
  });

  it('422 idempotency-key-reused says to use a new key', async () => {
    const token = await h.token();
    await post('open-bed', token, { bedId: 'b1' }, 'k-reused');
    const res = await post('open-bed', token, { bedId: 'b2' }, 'k-reused');
    expect(res.status).to.equal(422);
    expect(res.body.detail).to.include('new Idempotency-Key');
  });
});
