import { envelopeFromRecorded } from '@chartline/events';
import { LruCache } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { accessStreamId } from '../audit/index.js';
import { createReadApp } from '../server/app.js';
import { QueryCacheCounters } from '../server/query-cache.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';

/** Issue 22 item 11: who lies in each bed, by name and MRN, for the roles that may see it. */
describe('read API: names on the bed board', () => {
  let stores: Stores;
  let h: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  const auth = tokens();
  const counters = new QueryCacheCounters();

  before(async () => {
    // With the query cache: an answer with names must never be served to a role without them.
    stores = { ...memoryStores(), cache: new LruCache() };
    h = await seedHospital(stores, 'h1');
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, cacheCounters: counters });
  });

  const board = async (role: string) =>
    request(app)
      .get(`/hospitals/h1/wards/${h.wardId}/beds`)
      .set('Authorization', `Bearer ${await auth.mint(role, ['h1'])}`);
  /** The bed-board reads recorded on Ada's access log. */
  const bedBoardAccesses = async () => {
    const events = await stores.eventStore.readStream(accessStreamId('h1', h.ada)).catch(() => []);
    return events.map(envelopeFromRecorded).filter((e) => e.data['view'] === 'bed_board');
  };

  it('shows a nurse the display name and MRN of the patient in each bed, and records the access', async () => {
    const res = await board('nurse');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const [occupied, free] = res.body.items;
    expect(occupied).to.include({ patientId: h.ada });
    expect(occupied.patient).to.deep.equal({ displayName: 'Ada Lovelace', mrn: '00000018' });
    expect(free).to.include({ patientId: null, patient: null });
    const accesses = await bedBoardAccesses();
    expect(accesses).to.have.length(1);
    expect(accesses[0]!.actor).to.deep.equal({ id: 'user-nurse', role: 'nurse' });
    expect(accesses[0]!.data).to.include({ patientId: h.ada, route: 'GET /hospitals/:hospitalId/wards/:wardId/beds' });
  });

  it('shows an admin the same beds with ids only, from the same cache, recording no access', async () => {
    const res = await board('admin');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.items[0]).to.include({ patientId: h.ada, stayId: h.adaStay, status: 'occupied' });
    for (const bed of res.body.items) expect(bed).not.to.have.property('patient');
    expect(JSON.stringify(res.body)).not.to.include('Lovelace').and.not.to.include('00000018');
    expect(await bedBoardAccesses(), 'nothing personal was shown').to.have.length(1);
  });

  it('records the access again when the names come from the cache', async () => {
    const hits = counters.hits;
    const res = await board('physician');
    expect(counters.hits, 'served from the cache').to.equal(hits + 1);
    expect(res.body.items[0].patient).to.deep.equal({ displayName: 'Ada Lovelace', mrn: '00000018' });
    expect(await bedBoardAccesses()).to.have.length(2);
  });

  it('refuses roles that may not read the bed board at all', async () => {
    expect((await board('billing_clerk')).status).to.equal(403);
  });
});
