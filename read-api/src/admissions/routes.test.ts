import { LruCache } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';

describe('read API: bed board, census and the consistency token', () => {
  let stores: Stores;
  let h: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  let nurse: string;
  const auth = tokens();

  before(async () => {
    stores = { ...memoryStores(), cache: new LruCache() };
    h = await seedHospital(stores, 'h1');
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 300, pollMs: 10 } });
    nurse = await auth.mint('nurse', ['h1']);
  });

  const get = (path: string) => request(app).get(path).set('Authorization', `Bearer ${nurse}`);

  it('shows a ward’s beds by label, filtered by status', async () => {
    const res = await get(`/hospitals/h1/wards/${h.wardId}/beds`).expect(200);
    expect(res.body.items.map((b: { label: string; status: string }) => [b.label, b.status])).to.deep.equal([
      ['3E-01', 'occupied'],
      ['3E-02', 'free'],
    ]);
    expect(res.body.items[0]).to.include({ patientId: h.ada, stayId: h.adaStay });
    const free = await get(`/hospitals/h1/wards/${h.wardId}/beds?status=free`).expect(200);
    expect(free.body.items.map((b: { bedId: string }) => b.bedId)).to.deep.equal([h.bedIds[1]]);
    await get('/hospitals/h1/wards/no-such-ward/beds').expect(404);
  });

  it('lists the wards by name, with their specialty', async () => {
    const res = await get('/hospitals/h1/wards').expect(200);
    expect(res.body.items).to.have.length(1);
    expect(res.body.items[0]).to.include({ wardId: h.wardId, name: 'Cardiology 3 East', specialty: 'medical' });
    expect(res.body.nextCursor).to.equal(null);
  });

  it('lists the wards to ward managers and HR too (they roster per ward), not to the stores', async () => {
    for (const role of ['ward_manager', 'hr_admin'] as const) {
      const res = await request(app)
        .get('/hospitals/h1/wards')
        .set('Authorization', `Bearer ${await auth.mint(role, ['h1'])}`);
      expect(res.status, role).to.equal(200);
      expect(res.body.items.map((w: { wardId: string }) => w.wardId)).to.deep.equal([h.wardId]);
    }
    const stores = await request(app)
      .get('/hospitals/h1/wards')
      .set('Authorization', `Bearer ${await auth.mint('storekeeper', ['h1'])}`);
    expect(stores.status).to.equal(403);
  });

  it('counts the census per ward from beds and stays', async () => {
    const res = await get('/hospitals/h1/census').expect(200);
    expect(res.body.wards).to.deep.equal([
      {
        wardId: h.wardId,
        name: 'Cardiology 3 East',
        specialty: 'medical',
        beds: { free: 1, reserved: 0, occupied: 1, to_clean: 0, closed: 0, total: 2 },
        inpatients: 1,
        planned: 0,
      },
    ]);
  });

  it('waits for the views to reach a consistency token, then serves the new state', async () => {
    const closed = await h.history.append('admissions.BedClosed', h.bedIds[1], {
      bedId: h.bedIds[1],
      reason: 'maintenance',
      closedAt: new Date().toISOString(),
    });
    const read = get(`/hospitals/h1/wards/${h.wardId}/beds?status=closed`).set(
      'X-Consistency-Token',
      String(closed.position),
    );
    setTimeout(() => void project(stores), 50);
    const res = await read.expect(200);
    expect(res.body.items.map((b: { bedId: string }) => b.bedId)).to.deep.equal([h.bedIds[1]]);
  });

  it('wakes a waiting read when the projector announces its position, not at the next poll', async () => {
    // A poll this slow would answer after 4 s: only the projector's announcement can answer sooner.
    const slowPoll = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 8_000, pollMs: 4_000 } });
    const closed = await h.history.append('admissions.BedClosed', h.bedIds[0], {
      bedId: h.bedIds[0],
      reason: 'maintenance',
      closedAt: new Date().toISOString(),
    });
    const started = performance.now();
    const read = request(slowPoll)
      .get(`/hospitals/h1/census?after=${closed.position}`)
      .set('Authorization', `Bearer ${nurse}`);
    setTimeout(() => void project(stores), 100);
    await read.expect(200);
    expect(performance.now() - started).to.be.below(2_000);
  });

  it('answers 503 with Retry-After when the views do not reach the token in time', async () => {
    const added = await h.history.append('admissions.BedAdded', uuidv7(), {
      bedId: uuidv7(),
      wardId: h.wardId,
      label: '3E-03',
      addedAt: new Date().toISOString(),
    });
    const res = await get(`/hospitals/h1/census?after=${added.position}`).expect(503);
    expect(res.headers['retry-after']).to.equal('1');
    expect(res.body.type).to.equal('/problems/views-behind');
    await project(stores);
    const after = await get(`/hospitals/h1/census?after=${added.position}`).expect(200);
    expect(after.body.wards[0].beds.total).to.equal(3);
  });

  it('does not wait for a token of another module’s write: the admissions views hold everything up to it', async () => {
    const patientId = uuidv7();
    const registered = await h.history.append('patients.PatientRegistered', patientId, {
      patientId,
      mrn: '00000034',
      givenName: 'Grace',
      familyName: 'Hopper',
      birthDate: '1906-12-09',
      sex: 'female',
      nationalId: null,
      address: null,
      phone: null,
      registeredAt: new Date().toISOString(),
    });
    const started = Date.now();
    await get('/hospitals/h1/census').set('X-Consistency-Token', String(registered.position)).expect(200);
    expect(Date.now() - started).to.be.below(250);
  });

  it('refuses a token beyond the event store’s head with 400 naming the last position, at once', async () => {
    const head = await stores.eventStore.headPosition();
    const started = Date.now();
    for (const [read, field] of [
      [get('/hospitals/h1/census').set('X-Consistency-Token', String(head + 1_000_000)), 'header.x-consistency-token'],
      [get(`/hospitals/h1/wards/${h.wardId}/beds?after=${head + 1}`), 'query.after'],
    ] as const) {
      const res = await read.expect(400);
      expect(res.body.type).to.equal('/problems/consistency-token-beyond-head');
      expect(res.body.detail).to.include(`(${head})`);
      expect(res.body.errors[0].field).to.equal(field);
    }
    expect(Date.now() - started).to.be.below(250);
  });

  it('refuses a malformed consistency token', async () => {
    await get('/hospitals/h1/census').set('X-Consistency-Token', 'soon').expect(400);
  });
});
