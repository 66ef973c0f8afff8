import { expect } from 'chai';
import request from 'supertest';
// Test-only reach into the projections, as ../testing/hospital.ts does: the read model is written
// by the real projection from a real sealed event, never a hand-written document.
import { HospitalHistory } from '../../../projections/src/testing/hospital-history.js';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type Stores, tokens } from '../testing/hospital.js';

describe('hospitals read routes', () => {
  const auth = tokens();
  let stores: Stores;
  let app: ReturnType<typeof createReadApp>;

  before(async () => {
    stores = memoryStores();
    const history = new HospitalHistory(stores.eventStore, stores.keys, 'h1');
    await history.append('hospitals.HospitalRegistered', 'h1', {
      hospitalId: 'h1',
      name: 'St Mary',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      registeredAt: '2025-03-01T08:30:00.000Z',
    });
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 300, pollMs: 10 } });
  });

  const get = async (path: string, role = 'admin', hospitals = ['h1']) =>
    request(app)
      .get(path)
      .set('Authorization', `Bearer ${await auth.mint(role, hospitals)}`);

  it('shows the hospital, without bookkeeping fields, to its admin and to a platform admin', async () => {
    for (const role of ['admin', 'platform_admin']) {
      const res = await get('/hospitals/h1/profile', role);
      expect(res.status, role).to.equal(200);
      expect(res.body).to.deep.equal({
        hospitalId: 'h1',
        name: 'St Mary',
        timeZone: 'Europe/Paris',
        currency: 'EUR',
        status: 'active',
        registeredAt: '2025-03-01T08:30:00.000Z',
        settings: null,
        revision: 0,
      });
    }
  });

  it('answers 404 for a hospital not registered', async () => {
    const res = await get('/hospitals/h2/profile', 'admin', ['h2']);
    expect(res.status).to.equal(404);
    expect(res.headers['content-type']).to.match(/problem\+json/);
  });

  it('refuses a nurse (403)', async () => {
    const res = await get('/hospitals/h1/profile', 'nurse');
    expect(res.status).to.equal(403);
  });
});
