import {
  createMemoryIdempotencyStore,
  createMemoryKeyStore,
  type EventStore,
  IdempotencyUnavailable,
  KeyStoreUnavailable,
  MemoryEventStore,
  StoreUnavailable,
} from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandHarness, type Harness } from './testing/harness.js';

/** Failure injection: a store whose every call fails as a down server does. */
function downStore(): EventStore {
  const down = () => Promise.reject(new StoreUnavailable('connection refused'));
  const store = new MemoryEventStore();
  store.readStream = down;
  store.appendToStreams = down;
  store.ping = async () => false;
  return store;
}

const expect503 = (res: request.Response) => {
  expect(res.status).to.equal(503);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(res.headers['retry-after']).to.match(/^\d+$/);
  expect(res.body).to.include({ type: '/problems/service-unavailable', status: 503 });
  expect(JSON.stringify(res.body)).not.to.match(/connection refused|ECONNREFUSED|\.ts:/);
};

describe('command server: a dependency down is a 503 with Retry-After', () => {
  let h: Harness;
  const post = async (body: object = { bedId: 'b1' }, key = uuidv7()) =>
    request(h.app)
      .post('/hospitals/h1/wardtest/open-bed')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', key)
      .send(body);

  it('the event store', async () => {
    h = await commandHarness({ eventStore: downStore() });
    expect503(await post());
    const ready = await request(h.app).get('/readyz');
    expect(ready.status).to.equal(503);
    expect((await request(h.app).get('/healthz')).status).to.equal(200);
  });

  it('the event store: the key is freed, so a retry once it is back executes', async () => {
    const store = new MemoryEventStore();
    const appendToStreams = store.appendToStreams.bind(store);
    let down = true;
    store.appendToStreams = (appends, options) =>
      down ? Promise.reject(new StoreUnavailable('down')) : appendToStreams(appends, options);
    h = await commandHarness({ eventStore: store });
    expect503(await post({ bedId: 'b1' }, 'same'));
    down = false;
    expect((await post({ bedId: 'b1' }, 'same')).status).to.equal(201);
  });

  it('the idempotency store (Redis)', async () => {
    const idempotency = createMemoryIdempotencyStore();
    idempotency.claim = () => Promise.reject(new IdempotencyUnavailable(new Error('ECONNREFUSED')));
    h = await commandHarness({ idempotency });
    expect503(await post());
    expect(await h.eventStore.readAll()).to.have.length(0);
  });

  it('the key store', async () => {
    const keyStore = createMemoryKeyStore();
    keyStore.dataKeyFor = () => Promise.reject(new KeyStoreUnavailable(new Error('ECONNREFUSED')));
    h = await commandHarness({ keyStore });
    await post({ bedId: 'b1' });
    const res = await request(h.app)
      .post('/hospitals/h1/wardtest/admit')
      .set('Authorization', `Bearer ${await h.token()}`)
      .set('Idempotency-Key', uuidv7())
      .send({ stayId: 's1', patientId: 'p1', bedId: 'b1', name: 'N', birthDate: '2001-02-03' });
    expect503(res);
    expect(await h.eventStore.readAll()).to.have.length(1);
  });
});
