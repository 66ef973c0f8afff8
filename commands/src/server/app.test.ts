import { GENESIS_HASH, verifyChain } from '@chartline/events';
import { isCiphertext } from '@chartline/infra';
import { expect } from 'chai';
import { SignJWT, UnsecuredJWT } from 'jose';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import {
  AUDIENCE,
  allEvents,
  commandHarness,
  envelopesOf,
  type Harness,
  ISSUER,
  tokenSigner,
} from './testing/harness.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('command server: the happy path', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await commandHarness();
  });

  const post = async (path: string, body: unknown, role = 'nurse', key = uuidv7()) =>
    request(h.app)
      .post(`/hospitals/h1/wardtest/${path}`)
      .set('Authorization', `Bearer ${await h.token({ role, sub: `u-${role}` })}`)
      .set('Idempotency-Key', key)
      .send(body as object);

  it('creates a stream: 201, revision, position as ETag and consistency token, full hashed envelope', async () => {
    const res = await request(h.app)
      .post('/hospitals/h1/wardtest/open-bed')
      .set('Authorization', `Bearer ${await h.token({ role: 'nurse', sub: 'nurse-7' })}`)
      .set('Idempotency-Key', 'k-open-1')
      .set('X-Correlation-Id', 'corr-42')
      .set('traceparent', TRACEPARENT)
      .send({ bedId: 'b1' });
    expect(res.status).to.equal(201);
    expect(res.body).to.deep.equal({
      streamId: 'testbed-h1.b1',
      id: 'b1',
      revision: 0,
      position: res.body.position,
      events: ['wardtest.BedOpened'],
    });
    expect(res.body.position).to.be.a('number').greaterThan(0);
    expect(res.headers['etag']).to.equal('"0"');
    expect(res.headers['x-consistency-token']).to.equal(String(res.body.position));

    const [event, ...rest] = await envelopesOf(h.eventStore, 'testbed-h1.b1');
    expect(rest).to.have.length(0);
    expect(event).to.include({
      type: 'wardtest.BedOpened',
      schemaVersion: 1,
      streamId: 'testbed-h1.b1',
      revision: 0,
      hospitalId: 'h1',
      correlationId: 'corr-42',
      traceparent: TRACEPARENT,
      prevHash: GENESIS_HASH,
    });
    expect(event?.actor).to.deep.equal({ id: 'nurse-7', role: 'nurse' });
    expect(event?.eventId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(event?.causationId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
    expect(event?.occurredAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(event?.data).to.deep.equal({ bedId: 'b1' });
    expect(verifyChain(await envelopesOf(h.eventStore, 'testbed-h1.b1')).ok).to.equal(true);
  });

  it('writes two streams atomically, chains each, and answers 201 for the new primary stream', async () => {
    await post('open-bed', { bedId: 'b1' });
    const res = await post('admit', {
      stayId: 's1',
      patientId: 'p1',
      bedId: 'b1',
      name: 'Ada Lovelace',
      birthDate: '1815-12-10',
    });
    expect(res.status).to.equal(201);
    expect(res.body.events).to.deep.equal(['wardtest.PatientAdmitted', 'wardtest.BedOccupied']);
    const bed = await envelopesOf(h.eventStore, 'testbed-h1.b1');
    const stay = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    expect(bed.map((e) => e.revision)).to.deep.equal([0, 1]);
    expect(bed[1]?.prevHash).to.equal(bed[0]?.hash);
    expect(verifyChain(bed)).to.deep.include({ ok: true, events: 2 });
    expect(verifyChain(stay)).to.deep.include({ ok: true, events: 1 });
    expect(stay[0]?.schemaVersion).to.equal(2);
    // One command: one correlation and one causation across both streams.
    expect(bed[1]?.causationId).to.equal(stay[0]?.causationId);
    expect(bed[1]?.correlationId).to.equal(stay[0]?.correlationId);
    // No traceparent header: null, not invented.
    expect(stay[0]?.traceparent).to.equal(null);
  });

  it('answers 200 with the new revision for a command on an existing stream', async () => {
    await post('open-bed', { bedId: 'b1' });
    await post('admit', { stayId: 's1', patientId: 'p1', bedId: 'b1', name: 'A', birthDate: '2000-01-01' });
    const res = await post('add-note', { stayId: 's1', note: 'comfortable' });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ streamId: 'teststay-h1.s1', revision: 1 });
    expect(res.headers['etag']).to.equal('"1"');
  });

  it('refuses a broken rule with 409 naming it, and appends nothing', async () => {
    const res = await post('admit', { stayId: 's1', patientId: 'p1', bedId: 'b9', name: 'A', birthDate: '2000-01-01' });
    expect(res.status).to.equal(409);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ type: '/problems/bed-not-open', status: 409, rule: 'bed-not-open' });
    expect(await allEvents(h.eventStore)).to.have.length(0);
  });

  it('ignores a malformed traceparent and a malformed correlation id rather than recording them', async () => {
    await request(h.app)
      .post('/hospitals/h1/wardtest/open-bed')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', 'k1')
      .set('traceparent', 'not-a-trace')
      .set('X-Correlation-Id', 'bad id with spaces')
      .send({ bedId: 'b1' })
      .expect(201);
    const [event] = await envelopesOf(h.eventStore, 'testbed-h1.b1');
    expect(event?.traceparent).to.equal(null);
    expect(event?.correlationId).to.match(/^[0-9a-f-]{36}$/);
  });

  it('serves a command path spelled as express matches it (other case, trailing slash), not only as written', async () => {
    const token = await h.token({ role: 'nurse', sub: 'u-nurse' });
    for (const [path, bedId] of [
      ['/hospitals/h1/wardtest/open-bed', 'b1'],
      ['/hospitals/h1/WardTest/Open-Bed', 'b2'],
      ['/hospitals/h1/wardtest/open-bed/', 'b3'],
    ] as const) {
      const res = await request(h.app)
        .post(path)
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', uuidv7())
        .send({ bedId });
      expect(res.status, path).to.equal(201);
      expect(res.body.streamId, path).to.equal(`testbed-h1.${bedId}`);
    }
  });

  it('answers 405 with Allow: POST to another method on a command path, and 404 beyond it', async () => {
    const res = await request(h.app).get('/hospitals/h1/wardtest/open-bed');
    expect(res.status).to.equal(405);
    expect(res.headers['allow']).to.equal('POST');
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    const beyond = await request(h.app)
      .post('/hospitals/h1/wardtest/open-bed/more')
      .set('Authorization', `Bearer ${await h.token({ role: 'nurse', sub: 'u-nurse' })}`)
      .set('Idempotency-Key', uuidv7())
      .send({ bedId: 'b9' });
    expect(beyond.status).to.equal(404);
    expect(await envelopesOf(h.eventStore, 'testbed-h1.b9')).to.have.length(0);
  });

  it('encrypts personal fields before hashing: the store holds ciphertext and the chain covers it', async () => {
    await post('open-bed', { bedId: 'b1' });
    await post('admit', { stayId: 's1', patientId: 'p1', bedId: 'b1', name: 'Ada Lovelace', birthDate: '1815-12-10' });
    const [admitted] = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    expect(isCiphertext(admitted?.data['name'])).to.equal(true);
    expect(isCiphertext(admitted?.data['birthDate'])).to.equal(true);
    expect(admitted?.data['patientId']).to.equal('p1');
    expect(JSON.stringify(await allEvents(h.eventStore))).not.to.contain('Lovelace');
    expect(verifyChain(await envelopesOf(h.eventStore, 'teststay-h1.s1')).ok).to.equal(true);
  });
});

describe('command server: every bad request is refused and nothing is appended', () => {
  let h: Harness;
  before(async () => {
    h = await commandHarness();
  });
  afterEach(async () => {
    expect(await allEvents(h.eventStore), 'the store must stay empty').to.have.length(0);
  });

  const admit = { stayId: 's1', patientId: 'p1', bedId: 'b1', name: 'Ada', birthDate: '1815-12-10' };
  const send = async (body: unknown, token?: string, path = '/hospitals/h1/wardtest/admit') =>
    request(h.app)
      .post(path)
      .set('Authorization', `Bearer ${token ?? (await h.token())}`)
      .set('Idempotency-Key', uuidv7())
      .send(body as object);
  const expectProblem = (res: request.Response, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(status);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ type: `/problems/${code}`, status });
    expect(res.body.title).to.be.a('string');
    expect(JSON.stringify(res.body)).not.to.match(/at .*\.ts:\d+|Ada|1815/);
  };

  it('400 for wrong types and missing fields, naming each field', async () => {
    const res = await send({ ...admit, bedId: 42, birthDate: 'yesterday', name: undefined });
    expectProblem(res, 400, 'invalid-body');
    const fields = (res.body.errors as { field: string; message: string }[]).map((e) => e.field).sort();
    expect(fields).to.deep.equal(['body.bedId', 'body.birthDate', 'body.name']);
    for (const e of res.body.errors) expect(e.message).to.be.a('string').and.not.equal('');
  });

  it('400 for a body that is not an object', async () => {
    expectProblem(await send([1, 2]), 400, 'invalid-body');
  });

  it('404 for an unknown command or module', async () => {
    expectProblem(await send(admit, undefined, '/hospitals/h1/wardtest/teleport'), 404, 'not-found');
    expectProblem(await send(admit, undefined, '/hospitals/h1/nowhere/admit'), 404, 'not-found');
  });

  it('413 for a 2 MB body', async () => {
    expectProblem(await send({ ...admit, name: 'x'.repeat(2 * 1024 * 1024) }), 413, 'body-too-large');
  });

  it('415 for a body that is not JSON', async () => {
    const res = await request(h.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', uuidv7())
      .set('Content-Type', 'text/plain')
      .send('stayId=s1');
    expectProblem(res, 415, 'unsupported-media-type');
    const form = await request(h.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${await h.token()}`)
      .type('form')
      .send({ stayId: 's1' });
    expectProblem(form, 415, 'unsupported-media-type');
  });

  it('400 for malformed JSON', async () => {
    const res = await request(h.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', uuidv7())
      .set('Content-Type', 'application/json')
      .send('{"stayId": "s1",');
    expectProblem(res, 400, 'malformed-json');
  });

  it('401 without a token, or with a token that is not a bearer JWT', async () => {
    const none = await request(h.app).post('/hospitals/h1/wardtest/admit').send(admit);
    expectProblem(none, 401, 'unauthorized');
    expect(none.headers['www-authenticate']).to.equal('Bearer');
    expectProblem(await send(admit, 'garbage'), 401, 'unauthorized');
  });

  it('401 for an expired token', async () => {
    const expired = await h.token({ expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const res = await send(admit, expired);
    expectProblem(res, 401, 'unauthorized');
    expect(res.body.detail).to.match(/expired/);
  });

  it('401 for a forged token (signed with another key)', async () => {
    const forger = await tokenSigner();
    expectProblem(await send(admit, await forger.sign({ role: 'admin' })), 401, 'unauthorized');
  });

  it('401 for an alg:none token', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin', hospitals: ['h1'] })
      .setSubject('mallory')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .encode();
    expectProblem(await send(admit, unsigned), 401, 'unauthorized');
  });

  it('401 for the wrong issuer, the wrong audience, or an unknown role', async () => {
    expectProblem(await send(admit, await h.token({ issuer: 'https://evil' })), 401, 'unauthorized');
    expectProblem(await send(admit, await h.token({ audience: 'other-api' })), 401, 'unauthorized');
    expectProblem(await send(admit, await h.token({ role: 'janitor' })), 401, 'unauthorized');
  });

  it('401 for an HMAC token even if its secret were guessed (symmetric algorithms are not accepted)', async () => {
    const hs = await new SignJWT({ role: 'admin', hospitals: ['h1'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-guessed-secret-that-is-long-enough'));
    expectProblem(await send(admit, hs), 401, 'unauthorized');
  });

  it('403 for another hospital’s token', async () => {
    const res = await send(admit, await h.token({ hospitals: ['h2'] }));
    expectProblem(res, 403, 'hospital-not-allowed');
  });

  it('403 for a role without the right', async () => {
    expectProblem(await send(admit, await h.token({ role: 'billing_clerk' })), 403, 'role-not-allowed');
  });

  it('400 without an Idempotency-Key, or with a malformed one', async () => {
    const missing = await request(h.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${await h.token()}`)
      .send(admit);
    expectProblem(missing, 400, 'idempotency-key-required');
    expect(missing.body.errors).to.deep.equal([{ field: 'header.idempotency-key', message: 'Required' }]);
    const bad = await request(h.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', 'x'.repeat(300))
      .send(admit);
    expectProblem(bad, 400, 'invalid-idempotency-key');
  });

  it('400 for a malformed If-Match', async () => {
    const res = await request(h.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', uuidv7())
      .set('If-Match', 'three')
      .send(admit);
    expectProblem(res, 400, 'invalid-if-match');
  });

  it('400 for a malformed hospital id the token nonetheless lists', async () => {
    const res = await send(admit, await h.token({ hospitals: ['h.1'] }), '/hospitals/h.1/wardtest/admit');
    expectProblem(res, 400, 'invalid-hospital-id');
  });
});
