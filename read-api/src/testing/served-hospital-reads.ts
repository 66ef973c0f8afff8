import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import request from 'supertest';
import { createReadApp } from '../server/app.js';
import { hospitalStatusFromEventStore } from '../server/hospital-status.js';
import { project, type SeededHospital, type Stores, seedHospital, tokens } from './hospital.js';

/** How long the read API reuses a hospital's status in these tests (production: 5 s). */
// Long enough that an append on a loaded CI machine (load 30 on 2 cores) stays inside it.
const TTL_MS = 1_500;

/**
 * Tokens of hospitals the platform does not serve are refused by the read API, the status read
 * from the hospital's stream in the event store and cached for TTL_MS: one scenario, on memory
 * stores (unit) and on PostgreSQL + the MongoDB-wire server (integration).
 */
export function servedHospitalReads(makeStores: () => Promise<Stores>, hospitalIds: () => [string, string]): void {
  const auth = tokens();
  let stores: Stores;
  let app: ReturnType<typeof createReadApp>;
  let h: SeededHospital;
  let unregistered: string;

  before(async () => {
    stores = await makeStores();
    const [served, other] = hospitalIds();
    unregistered = other;
    h = await seedHospital(stores, served);
    await project(stores);
    app = createReadApp({
      ...stores,
      auth: auth.auth,
      hospitalStatus: hospitalStatusFromEventStore(stores.eventStore, { ttlMs: TTL_MS, unregisteredTtlMs: TTL_MS }),
    });
  });

  const get = async (path: string, role: string, hospitalId: string) =>
    request(app)
      .get(`/hospitals/${hospitalId}/${path}`)
      .set('Authorization', `Bearer ${await auth.mint(role, [hospitalId])}`);
  const refused = (res: request.Response, problem: string) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(403);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ type: `/problems/${problem}`, status: 403 });
  };
  const board = () => get(`wards/${h.wardId}/beds`, 'nurse', h.hospitalId);

  it('refuses every read for a hospital not registered: 403 hospital-not-registered, saying who registers it', async () => {
    for (const [path, role] of [
      ['census', 'nurse'],
      ['audit/events', 'auditor'],
      ['profile', 'admin'],
    ] as const) {
      const res = await get(path, role, unregistered);
      refused(res, 'hospital-not-registered');
      expect(res.body.detail).to.match(/platform administrator registers it/);
    }
    // A platform administrator may look the hospital up (and finds nothing yet).
    expect((await get('profile', 'platform_admin', unregistered)).status).to.equal(404);
  });

  it('serves a registered hospital', async () => {
    expect((await board()).status).to.equal(200);
  });

  it('refuses a suspended hospital’s reads once its cached status expires: 403 hospital-suspended', async () => {
    await sleep(TTL_MS + 100);
    expect((await board()).status).to.equal(200); // caches "served" now, so the TTL starts here
    await h.history.append('hospitals.HospitalSuspended', h.hospitalId, {
      hospitalId: h.hospitalId,
      reason: 'contract ended',
      suspendedAt: new Date().toISOString(),
    });
    // The documented staleness: within the TTL the cached status still serves the read.
    expect((await board()).status).to.equal(200);
    await project(stores);
    await sleep(TTL_MS + 100);
    const res = await board();
    refused(res, 'hospital-suspended');
    expect(res.body.detail).to.match(/reactivates it/);
    refused(await get('audit/events', 'auditor', h.hospitalId), 'hospital-suspended');
    refused(await get('profile', 'admin', h.hospitalId), 'hospital-suspended');
    const profile = await get('profile', 'platform_admin', h.hospitalId);
    expect(profile.status).to.equal(200);
    expect(profile.body).to.include({ status: 'suspended' });
  });

  it('serves it again once reactivated', async () => {
    await h.history.append('hospitals.HospitalReactivated', h.hospitalId, {
      hospitalId: h.hospitalId,
      reason: 'renewed',
      reactivatedAt: new Date().toISOString(),
    });
    await sleep(TTL_MS + 100);
    expect((await board()).status).to.equal(200);
  });
}
