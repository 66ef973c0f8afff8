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

  it('a retry after the cache forgot the key answers the first result from the event store, appending nothing', async () => {
    const first = await post('admit', admit, 'key-forgotten');
    expect(first.status).to.equal(201);
    const count = (await allEvents(h.eventStore)).length;
    // Another process on the same event store with an empty cache: a restart, or Redis that lost its data.
    const restarted = await commandHarness({ eventStore: h.eventStore });
    const token = await restarted.token();
    const retry = await request(restarted.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', 'key-forgotten')
      .send(admit);
    expect(retry.status).to.equal(201);
    expect(retry.body).to.deep.equal(first.body);
    expect(retry.headers['etag']).to.equal(first.headers['etag']);
    expect(retry.headers['x-consistency-token']).to.equal(first.headers['x-consistency-token']);
    expect(retry.headers['x-correlation-id']).to.equal(first.headers['x-correlation-id']);
    expect(retry.headers['idempotent-replayed']).to.equal('true');
    expect(await allEvents(h.eventStore)).to.have.length(count);
    // The answer is back in the new cache: the next repeat does not ask the event store.
    let lookups = 0;
    const findCommand = h.eventStore.findCommand.bind(h.eventStore);
    h.eventStore.findCommand = (hospitalId, commandId) => {
      lookups++;
      return findCommand(hospitalId, commandId);
    };
    const again = await request(restarted.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', 'key-forgotten')
      .send(admit);
    expect(again.body).to.deep.equal(first.body);
    expect(lookups).to.equal(0);
  });

  it('after the cache forgot the key, the same key with another body is still 422', async () => {
    await post('admit', admit, 'key-forgotten-2');
    const restarted = await commandHarness({ eventStore: h.eventStore });
    const res = await request(restarted.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${await restarted.token()}`)
      .set('Idempotency-Key', 'key-forgotten-2')
      .send({ ...admit, name: 'Someone else' });
    expect(res.status).to.equal(422);
    expect(res.body.type).to.equal('/problems/idempotency-key-reused');
  });

  it('two pods whose caches both miss, racing one key: one executes, the other answers its result', async () => {
    const pods = await Promise.all(
      [1, 2].map(() => commandHarness({ eventStore: h.eventStore, keyStore: h.keyStore })),
    );
    // Both look the command up before either appends: the race the durable record must settle.
    const findCommand = h.eventStore.findCommand.bind(h.eventStore);
    let arrived = 0;
    let bothLooked: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      bothLooked = resolve;
    });
    h.eventStore.findCommand = async (hospitalId, commandId) => {
      const found = await findCommand(hospitalId, commandId);
      if (arrived < 2 && ++arrived === 2) bothLooked();
      if (arrived <= 2) await gate;
      return found;
    };
    const results = await Promise.all(
      pods.map(async (pod) =>
        request(pod.app)
          .post('/hospitals/h1/wardtest/admit')
          .set('Authorization', `Bearer ${await pod.token()}`)
          .set('Idempotency-Key', 'key-race')
          .send(admit),
      ),
    );
    expect(results.map((r) => r.status)).to.deep.equal([201, 201]);
    expect(results[0]?.body).to.deep.equal(results[1]?.body);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).to.have.length(1);
    expect(await envelopesOf(h.eventStore, 'teststay-h1.s1')).to.have.length(1);
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
    h.eventStore.appendToStreams = async (appends, options) => {
      await held;
      return appendToStreams(appends, options);
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
    store.appendToStreams = async (appends, options) => {
      if (fail) {
        fail = false;
        throw new Error('disk on fire');
      }
      return appendToStreams(appends, options);
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
