import { expect } from 'chai';
import request from 'supertest';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';
import { recordingReadStore } from '../testing/recording-read-store.js';
import { createReadApp } from './app.js';

describe('read API: operator injection never reaches the read store', () => {
  let stores: Stores;
  let h: SeededHospital;
  let recorded: ReturnType<typeof recordingReadStore>;
  let app: ReturnType<typeof createReadApp>;
  let nurse: string;
  const auth = tokens();

  before(async () => {
    stores = memoryStores();
    h = await seedHospital(stores, 'h1');
    await project(stores);
    recorded = recordingReadStore(stores.readStore);
    app = createReadApp({ ...stores, readStore: recorded, auth: auth.auth });
    nurse = await auth.mint('nurse', ['h1']);
  });

  const attacks = [
    '$where=1',
    'mrn[$gt]=',
    'mrn[$regex]=.*',
    'name[$ne]=x',
    '__proto__[admin]=1',
    '__proto__=x',
    'constructor[prototype][x]=1',
    'mrn=$gt',
    'name=$regex',
    'name=%7B%22%24gt%22%3A%22%22%7D',
    'mrn=1&mrn=2',
    'sort=$natural',
    'status[$in]=active',
    'limit=-1',
    'cursor=eyIkd2hlcmUiOiIxIn0',
  ];

  for (const attack of attacks) {
    it(`GET ?${attack} → 400 without touching the read store`, async () => {
      recorded.calls.length = 0;
      const res = await request(app)
        .get(`/hospitals/h1/patients/search?${attack}`)
        .set('Authorization', `Bearer ${nurse}`);
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      expect(recorded.calls).to.deep.equal([]);
    });
  }

  const bodies: [string, string][] = [
    ['an operator object', '{"mrn":{"$gt":""}}'],
    ['$where', '{"$where":"sleep(1000)"}'],
    ['a __proto__ key', '{"__proto__":{"admin":true}}'],
    ['a constructor key', '{"constructor":{"prototype":{"x":1}}}'],
    ['an array', '{"mrn":["1","2"]}'],
    ['a $regex value', '{"name":"$regex"}'],
    ['a nested $ne', '{"name":{"$ne":null}}'],
  ];
  for (const [what, body] of bodies) {
    it(`POST search with ${what} → 400 without touching the read store`, async () => {
      recorded.calls.length = 0;
      const res = await request(app)
        .post('/hospitals/h1/patients/search')
        .set('Authorization', `Bearer ${nurse}`)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).to.equal(400);
      expect(recorded.calls).to.deep.equal([]);
    });
  }

  it('refuses operators in path parameters and other routes’ queries too', async () => {
    recorded.calls.length = 0;
    for (const path of [
      `/hospitals/h1/patients/${encodeURIComponent('{"$gt":""}')}`,
      `/hospitals/h1/patients/${encodeURIComponent('$where')}`,
      `/hospitals/h1/wards/${h.wardId}/beds?status[$ne]=free`,
      `/hospitals/h1/patients/${h.ada}/stays?sort=$where`,
      '/hospitals/h1/census?after[$gt]=0',
    ]) {
      const res = await request(app).get(path).set('Authorization', `Bearer ${nurse}`);
      expect(res.status, path).to.equal(400);
    }
    // The front desk's list of duplicate flags (a nurse may not read it: 403 before validation).
    const frontDesk = await auth.mint('front_desk', ['h1']);
    for (const path of [
      '/hospitals/h1/duplicate-flags?resolution[$ne]=open',
      `/hospitals/h1/duplicate-flags?resolution=${encodeURIComponent('{"$ne":"open"}')}`,
      `/hospitals/h1/duplicate-flags?cursor=${encodeURIComponent('{"$gt":""}')}`,
    ]) {
      const res = await request(app).get(path).set('Authorization', `Bearer ${frontDesk}`);
      expect(res.status, path).to.equal(400);
    }
    expect(recorded.calls).to.deep.equal([]);
  });

  it('refuses operators in every inventory route’s query and path', async () => {
    recorded.calls.length = 0;
    const pharmacist = await auth.mint('pharmacist', ['h1']);
    for (const path of [
      '/hospitals/h1/inventory/items?code[$ne]=x',
      '/hospitals/h1/inventory/locations?cursor=%7B%22%24gt%22%3A%22%22%7D',
      '/hospitals/h1/inventory/stock?locationId[$ne]=x',
      '/hospitals/h1/inventory/stock?itemId=$where',
      '/hospitals/h1/inventory/stock/lots?itemId=%7B%22%24gt%22%3A%22%22%7D',
      '/hospitals/h1/inventory/reorder?belowReorderLevel=false',
      '/hospitals/h1/inventory/expiring?withinDays[$gt]=1',
      '/hospitals/h1/inventory/expiring?asOf=$where',
      '/hospitals/h1/inventory/ledger?locationId=a&locationId=b',
      '/hospitals/h1/inventory/transfers?status[$ne]=received',
      `/hospitals/h1/inventory/consumption/wards/${encodeURIComponent('$where')}`,
      `/hospitals/h1/inventory/consumption/patients/${encodeURIComponent('{"$gt":""}')}`,
      `/hospitals/h1/inventory/consumption/patients/${h.ada}?from[$gt]=0`,
    ]) {
      const res = await request(app).get(path).set('Authorization', `Bearer ${pharmacist}`);
      expect(res.status, path).to.equal(400);
    }
    expect(recorded.calls).to.deep.equal([]);
  });

  it('refuses operators in the HR routes’ paths and queries', async () => {
    recorded.calls.length = 0;
    const manager = await auth.mint('ward_manager', ['h1']);
    for (const path of [
      `/hospitals/h1/hr/wards/${encodeURIComponent('{"$gt":""}')}/roster?weekStart=2025-01-20`,
      `/hospitals/h1/hr/wards/${h.wardId}/roster?weekStart[$gt]=`,
      `/hospitals/h1/hr/wards/${h.wardId}/roster?weekStart=$where`,
      '/hospitals/h1/hr/licences?status[$ne]=expired',
      '/hospitals/h1/hr/licences?status=expiring&asOf[$lt]=2099-01-01',
      '/hospitals/h1/hr/leave?from=2025-01-01&to[$gt]=',
      '/hospitals/h1/hr/leave?from=2025-01-01&to=2025-12-31',
      '/hospitals/h1/hr/swaps?status[$in]=requested',
      '/hospitals/h1/hr/hours?until=$now',
      `/hospitals/h1/hr/hours?cursor=${encodeURIComponent('{"$gt":""}')}`,
      '/hospitals/h1/hr/staff?limit[$gt]=0',
    ]) {
      const res = await request(app).get(path).set('Authorization', `Bearer ${manager}`);
      expect(res.status, path).to.equal(400);
    }
    expect(recorded.calls).to.deep.equal([]);
  });

  it('names the bad field without echoing the value sent', async () => {
    const res = await request(app)
      .get(`/hospitals/h1/patients/search?name=${encodeURIComponent('Ada{$x}')}`)
      .set('Authorization', `Bearer ${nurse}`)
      .expect(400);
    expect(res.body.errors[0].field).to.equal('query.name');
    expect(res.text).to.not.include('Ada');
  });

  it('still answers a clean query (the recorder sees it)', async () => {
    recorded.calls.length = 0;
    await request(app)
      .get('/hospitals/h1/patients/search?mrn=00000018')
      .set('Authorization', `Bearer ${nurse}`)
      .expect(200);
    expect(recorded.calls).to.include('patient_search.find');
  });
});
