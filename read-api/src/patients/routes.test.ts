import { LruCache } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { createReadApp } from '../server/app.js';
import { QueryCacheCounters } from '../server/query-cache.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';

describe('read API: patients', () => {
  let stores: Stores;
  let h: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  let nurse: string;
  let counters: QueryCacheCounters;
  const auth = tokens();

  before(async () => {
    stores = { ...memoryStores(), cache: new LruCache() };
    h = await seedHospital(stores, 'h1');
    await project(stores);
    counters = new QueryCacheCounters();
    app = createReadApp({ ...stores, auth: auth.auth, cacheCounters: counters, consistency: { timeoutMs: 300 } });
    nurse = await auth.mint('nurse', ['h1']);
  });

  const get = (path: string, token = nurse) => request(app).get(path).set('Authorization', `Bearer ${token}`);

  it('serves a patient summary written by the projection, with an ETag and 304 on If-None-Match', async () => {
    const res = await get(`/hospitals/h1/patients/${h.ada}`).expect(200);
    expect(res.body).to.include({ patientId: h.ada, mrn: '00000018', givenName: 'Ada', familyName: 'Lovelace' });
    expect(res.body).to.not.have.property('_id');
    expect(res.headers['etag']).to.match(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await get(`/hospitals/h1/patients/${h.ada}`).set('If-None-Match', res.headers['etag']!).expect(304);
    expect(again.text).to.equal('');
  });

  it('sizes the access log: a read appends one audit event per patient it shows, none when it shows nobody', async () => {
    const events = async () => (await stores.eventStore.readAll()).length;
    const access = async () =>
      (await stores.eventStore.readAll()).filter((e) => e.type === 'audit.PersonalDataAccessed').length;
    let before = await access();
    const page = await get('/hospitals/h1/patients/search?sort=familyName&limit=100').expect(200);
    expect(page.body.items.length).to.be.greaterThan(1);
    expect((await access()) - before, 'a search page: one per hit').to.equal(page.body.items.length);
    before = await access();
    await get(`/hospitals/h1/patients/${h.ada}`).expect(200);
    expect((await access()) - before, 'a summary: one').to.equal(1);
    // Served from the cache, still recorded: the access happened.
    before = await access();
    await get(`/hospitals/h1/patients/${h.ada}`).expect(200);
    expect((await access()) - before).to.equal(1);
    const total = await events();
    await get('/hospitals/h1/patients/search?name=nobody').expect(200);
    await get('/hospitals/h1/census').expect(200);
    expect(await events(), 'no hit, no personal data: nothing appended').to.equal(total);
  });

  it('answers 404 for a patient the hospital does not have', async () => {
    const res = await get('/hospitals/h1/patients/nobody').expect(404);
    expect(res.headers['content-type']).to.match(/problem\+json/);
  });

  it('searches by MRN, by any part of the name (accents and apostrophes folded) and by birth date', async () => {
    const byMrn = await get('/hospitals/h1/patients/search?mrn=00000026').expect(200);
    expect(byMrn.body.items.map((p: { patientId: string }) => p.patientId)).to.deep.equal([h.zoe]);
    const byName = await get(`/hospitals/h1/patients/search?name=${encodeURIComponent('zoe obrien')}`).expect(200);
    expect(byName.body.items).to.have.length(1);
    expect(byName.body.items[0]).to.include({ patientId: h.zoe, givenName: 'Zoë', familyName: "O'Brien" });
    const byBirth = await get('/hospitals/h1/patients/search?birthDate=1815-12-10').expect(200);
    expect(byBirth.body.items.map((p: { patientId: string }) => p.patientId)).to.deep.equal([h.ada]);
    const none = await get('/hospitals/h1/patients/search?name=nobody').expect(200);
    expect(none.body).to.deep.equal({ items: [], nextCursor: null });
  });

  it('searches by JSON body too (names stay out of URLs)', async () => {
    const res = await request(app)
      .post('/hospitals/h1/patients/search')
      .set('Authorization', `Bearer ${nurse}`)
      .send({ name: 'lovelace' })
      .expect(200);
    expect(res.body.items.map((p: { patientId: string }) => p.patientId)).to.deep.equal([h.ada]);
  });

  it('pages with an opaque cursor in the whitelisted sort order, and refuses a cursor of another query', async () => {
    const first = await get('/hospitals/h1/patients/search?sort=familyName&limit=1').expect(200);
    expect(first.body.items[0].patientId).to.equal(h.ada); // lovelace < o brien
    expect(first.body.nextCursor).to.be.a('string');
    const second = await get(`/hospitals/h1/patients/search?sort=familyName&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status).to.equal(200);
    expect(second.body.items[0].patientId).to.equal(h.zoe);
    expect(second.body.nextCursor).to.equal(null);
    const desc = await get('/hospitals/h1/patients/search?sort=mrn&order=desc').expect(200);
    expect(desc.body.items.map((p: { patientId: string }) => p.patientId)).to.deep.equal([h.zoe, h.ada]);
    const misuse = await get(`/hospitals/h1/patients/search?sort=mrn&limit=1&cursor=${first.body.nextCursor}`);
    expect(misuse.status).to.equal(400);
    expect(misuse.body.type).to.equal('/problems/invalid-cursor');
    for (const limit of ['0', '101']) {
      const res = await get(`/hospitals/h1/patients/search?limit=${limit}`).expect(400);
      expect(res.body.errors).to.deep.equal([{ field: 'query.limit', message: 'Must be from 1 to 100' }]);
    }
    await get('/hospitals/h1/patients/search?sort=givenName').expect(400);
  });

  it('lists a patient’s stays', async () => {
    const res = await get(`/hospitals/h1/patients/${h.ada}/stays`).expect(200);
    expect(res.body.items).to.have.length(1);
    expect(res.body.items[0]).to.include({ stayId: h.adaStay, status: 'in_progress', bedId: h.bedIds[0] });
    const finished = await get(`/hospitals/h1/patients/${h.ada}/stays?status=finished`).expect(200);
    expect(finished.body.items).to.deep.equal([]);
  });

  it('caches answers per view generation: a second read hits, a projector bump misses', async () => {
    const before = { ...counters };
    await get(`/hospitals/h1/patients/${h.zoe}`).expect(200);
    await get(`/hospitals/h1/patients/${h.zoe}`).expect(200);
    expect(counters.misses - before.misses).to.equal(1);
    expect(counters.hits - before.hits).to.equal(1);
    await stores.cache!.bump('h1', 'patient_summary');
    await get(`/hospitals/h1/patients/${h.zoe}`).expect(200);
    expect(counters.misses - before.misses).to.equal(2);
  });

  it('records every read of a patient record in the access log (summary, search hits, stays)', async () => {
    const reader = await auth.mint('physician', ['h1'], 'dr-who');
    await get(`/hospitals/h1/patients/${h.zoe}`, reader).expect(200);
    await get('/hospitals/h1/patients/search?mrn=00000026', reader).expect(200);
    await get(`/hospitals/h1/patients/${h.zoe}/stays`, reader).expect(200);
    const log = await stores.eventStore.readStream(`access-h1.${h.zoe}`);
    const mine = log.filter((e) => (e.metadata['actor'] as { id: string }).id === 'dr-who');
    // Zoë has no stays: an empty answer showed nothing, so nothing is logged for it.
    expect(mine.map((e) => e.data['view'])).to.deep.equal(['summary', 'search_hit']);
    await get(`/hospitals/h1/patients/${h.ada}/stays`, reader).expect(200);
    const adas = await stores.eventStore.readStream(`access-h1.${h.ada}`);
    expect(
      adas.filter((e) => (e.metadata['actor'] as { id: string }).id === 'dr-who').map((e) => e.data['view']),
    ).to.deep.equal(['stays']);
    expect(mine[0]!.data['route']).to.equal('GET /hospitals/:hospitalId/patients/:patientId');
    expect(mine.every((e) => e.type === 'audit.PersonalDataAccessed')).to.equal(true);
  });
});
