import { expect } from 'chai';
import request from 'supertest';
import { allEvents, commandHarness, envelopesOf, type Harness } from './testing/harness.js';

describe('command server: Idempotency-Key', () => {
  let h: Harness;
  const admit = { stayId: 's1', patientId: 'p1', bedId: 'b1', name: 'N', birthDate: '2001-02-03' };
  const post = async (path: string, body: object, key: string, token?: string) =>
    request(h.app)
      .post(`/hospitals/h1/wardtest/${path}`)
      .set('Authorization', `Bearer ${token ?? (await h.token())}`)
      .set('Idempotency-Key', key)
      .send(body);

  beforeEach(async () => {
    h = await commandHarness();
    await post('open-bed', { bedId: 'b1' }, 'open-b1');
  });

  it('a repeat returns the first response, marked as replayed, and appends nothing', async () => {
    const first = await post('admit', admit, 'key-1');
    expect(first.status).to.equal(201);
    const count = (await allEvents(h.eventStore)).length;
    const repeat = await post('admit', { ...admit }, 'key-1');
    expect(repeat.status).to.equal(201);
    expect(repeat.body).to.deep.equal(first.body);
    expect(repeat.headers['etag']).to.equal(first.headers['etag']);
    expect(repeat.headers['x-consistency-token']).to.equal(first.headers['x-consistency-token']);
    expect(repeat.headers['idempotent-replayed']).to.equal('true');
    expect(first.headers['idempotent-replayed']).to.equal(undefined);
    expect(await allEvents(h.eventStore)).to.have.length(count);
  });

  it('the same key with a different body is 422, and nothing is appended', async () => {
    await post('admit', admit, 'key-2');
    const count = (await allEvents(h.eventStore)).length;
    const res = await post('admit', { ...admit, name: 'Other' }, 'key-2');
    expect(res.status).to.equal(422);
    expect(res.body).to.include({ type: '/problems/idempotency-key-reused', status: 422 });
    expect(await allEvents(h.eventStore)).to.have.length(count);
  });

  it('the same key on another command is 422', async () => {
    await post('admit', admit, 'key-3');
    const res = await post('add-note', { stayId: 's1', note: 'x' }, 'key-3');
    expect(res.status).to.equal(422);
  });

  it('a refused command is refused again on repeat, without re-deciding', async () => {
    const first = await post('admit', { ...admit, bedId: 'closed' }, 'key-4');
    expect(first.status).to.equal(409);
    await post('open-bed', { bedId: 'closed' }, 'open-closed');
    const repeat = await post('admit', { ...admit, bedId: 'closed' }, 'key-4');
    expect(repeat.status).to.equal(409);
    expect(repeat.body).to.deep.equal(first.body);
    expect(await envelopesOf(h.eventStore, 'teststay-h1.s1')).to.have.length(0);
  });

  it('keys are per hospital: the same key in another hospital is a new command', async () => {
    const token = await h.token({ hospitals: ['h1', 'h2'] });
    await post('admit', admit, 'shared-key', token);
    const other = await request(h.app)
      .post('/hospitals/h2/wardtest/open-bed')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', 'shared-key')
      .send({ bedId: 'b1' });
    expect(other.status).to.equal(201);
    expect(other.body.streamId).to.equal('testbed-h2.b1');
  });

  it('keys are per caller: another user sending the same key and body gets their own command, not the first answer', async () => {
    const alice = await h.token({ sub: 'alice', role: 'nurse' });
    const bob = await h.token({ sub: 'bob', role: 'nurse' });
    const first = await post('admit', admit, 'shared-by-two', alice);
    expect(first.status).to.equal(201);
    // Bob's identical request is his own: not a replay of Alice's 201 (it is decided, and the bed is taken).
    const second = await post('admit', admit, 'shared-by-two', bob);
    expect(second.headers['idempotent-replayed']).to.equal(undefined);
    expect(second.status).to.equal(409);
    expect(JSON.stringify(second.body)).not.to.include(String(first.body.position));
    // And Alice's own repeat is still hers.
    const again = await post('admit', admit, 'shared-by-two', alice);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body).to.deep.equal(first.body);
    const [stay] = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    expect(stay?.actor.id).to.equal('alice');
  });

  it('gives every event of one key the same causation id, derived from the key', async () => {
    await post('admit', admit, 'key-5');
    const [stay] = await envelopesOf(h.eventStore, 'teststay-h1.s1');
    const bed = await envelopesOf(h.eventStore, 'testbed-h1.b1');
    expect(bed[1]?.causationId).to.equal(stay?.causationId);
    const again = await commandHarness();
    await request(again.app)
      .post('/hospitals/h1/wardtest/open-bed')
      .set('Authorization', `Bearer ${await again.token()}`)
      .set('Idempotency-Key', 'key-5')
      .send({ bedId: 'b1' });
    const [opened] = await envelopesOf(again.eventStore, 'testbed-h1.b1');
    expect(opened?.causationId).to.equal(stay?.causationId);
  });

  it('concurrent repeats: one executes, the others wait for and replay its response', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => post('admit', admit, 'key-6')));
    expect(results.map((r) => r.status)).to.deep.equal([201, 201, 201, 201]);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).to.have.length(3);
    expect(await envelopesOf(h.eventStore, 'teststay-h1.s1')).to.have.length(1);
  });

  it('a repeat while the first is still running past the wait is 409 idempotency-key-in-use with Retry-After', async () => {
    h = await commandHarness({ inProgressWaitMs: 100 });
    await post('open-bed', { bedId: 'b1' }, 'open-b1');
    // Hold the first request inside its append until the repeat has been answered.
    let releaseFirst: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const appendToStreams = h.eventStore.appendToStreams.bind(h.eventStore);
    h.eventStore.appendToStreams = async (appends) => {
      await held;
      return appendToStreams(appends);
    };
    const first = post('admit', admit, 'key-7').then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const repeat = await post('admit', admit, 'key-7');
    expect(repeat.status).to.equal(409);
    expect(repeat.body).to.include({ type: '/problems/idempotency-key-in-use' });
    expect(repeat.headers['retry-after']).to.equal('1');
    releaseFirst();
    expect((await first).status).to.equal(201);
    expect((await post('admit', admit, 'key-7')).headers['idempotent-replayed']).to.equal('true');
    expect(await envelopesOf(h.eventStore, 'teststay-h1.s1')).to.have.length(1);
  });

  it('a failure without a definite answer (5xx) frees the key, so a retry executes', async () => {
    const store = h.eventStore;
    const appendToStreams = store.appendToStreams.bind(store);
    let fail = true;
    store.appendToStreams = async (appends) => {
      if (fail) {
        fail = false;
        throw new Error('disk on fire');
      }
      return appendToStreams(appends);
    };
    const first = await post('admit', admit, 'key-8');
    expect(first.status).to.equal(500);
    expect(first.body).to.include({ type: '/problems/internal-error' });
    expect(JSON.stringify(first.body)).not.to.contain('disk on fire');
    const retry = await post('admit', admit, 'key-8');
    expect(retry.status).to.equal(201);
    expect(retry.headers['idempotent-replayed']).to.equal(undefined);
  });
});
