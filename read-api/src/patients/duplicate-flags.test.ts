import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';

/** Issue 22 item 12: a possible duplicate on both records, in search, and as the front desk's list. */
describe('read API: possible duplicate flags', () => {
  let stores: Stores;
  let h: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  const auth = tokens();
  const at = (minute: number) => new Date(Date.UTC(2025, 0, 16, 9, minute)).toISOString();

  const flag = (patientId: string, candidatePatientId: string, minute: number) =>
    h.history.append('patients.PossibleDuplicateFlagged', patientId, {
      patientId,
      candidatePatientId,
      matchedOn: ['name_birth_date_sex'],
      flaggedAt: at(minute),
    });

  before(async () => {
    stores = memoryStores();
    h = await seedHospital(stores, 'h1');
    await flag(h.zoe, h.ada, 1);
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 2_000, pollMs: 10 } });
  });

  const get = async (path: string, role = 'front_desk') =>
    request(app)
      .get(`/hospitals/h1/${path}`)
      .set('Authorization', `Bearer ${await auth.mint(role, ['h1'])}`);

  it('shows the flag on both patients’ summaries', async () => {
    const zoe = await get(`patients/${h.zoe}`);
    expect(zoe.body.possibleDuplicates[h.ada]).to.include({ resolution: 'open', flaggedAt: at(1) });
    const ada = await get(`patients/${h.ada}`);
    expect(ada.status).to.equal(200);
    expect(ada.body.possibleDuplicates[h.zoe]).to.include({ resolution: 'open', flaggedAt: at(1) });
  });

  it('counts open flags on each search hit', async () => {
    const res = await get('patients/search?sort=mrn');
    expect(
      res.body.items.map((r: { patientId: string; openDuplicateFlags: number }) => [r.patientId, r.openDuplicateFlags]),
    ).to.deep.equal([
      [h.ada, 1],
      [h.zoe, 1],
    ]);
  });

  it('lists the hospital’s open flags, oldest first, page by page (keyset), ids only', async () => {
    const extra = [uuidv7(), uuidv7()];
    for (const [i, id] of extra.entries()) {
      await h.history.append('patients.PatientRegistered', id, {
        patientId: id,
        mrn: `0000010${i}`,
        givenName: 'Ada',
        familyName: 'Lovelace',
        birthDate: '1815-12-10',
        sex: 'female',
        nationalId: null,
        address: null,
        phone: null,
        registeredAt: at(2),
      });
      await flag(id, h.ada, 10 + i);
    }
    await project(stores);
    const first = await get('duplicate-flags?limit=2');
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.items[0]).to.deep.equal({
      patientId: h.zoe,
      candidatePatientId: h.ada,
      matchedOn: ['name_birth_date_sex'],
      flaggedAt: at(1),
      resolution: 'open',
      resolvedAt: null,
    });
    expect(first.body.items[1]).to.include({ patientId: extra[0] });
    expect(first.body.nextCursor).to.be.a('string');
    const second = await get(`duplicate-flags?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((f: { patientId: string }) => f.patientId)).to.deep.equal([extra[1]]);
    expect(second.body.nextCursor).to.equal(null);
    expect(JSON.stringify([first.body, second.body])).not.to.include('Lovelace');
  });

  it('moves a dismissed flag off the open list, waiting for the consistency token', async () => {
    const dismissed = await h.history.append('patients.PossibleDuplicateDismissed', h.zoe, {
      patientId: h.zoe,
      candidatePatientId: h.ada,
      resolvedAt: at(30),
    });
    const token = await auth.mint('front_desk', ['h1']);
    const read = request(app)
      .get('/hospitals/h1/duplicate-flags')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Consistency-Token', String(dismissed.position));
    setTimeout(() => void project(stores), 50);
    const open = await read;
    expect(open.status).to.equal(200);
    expect(open.body.items.map((f: { patientId: string }) => f.patientId)).not.to.include(h.zoe);
    const done = await get('duplicate-flags?resolution=dismissed');
    expect(done.body.items).to.have.length(1);
    expect(done.body.items[0]).to.include({ patientId: h.zoe, resolution: 'dismissed', resolvedAt: at(30) });
    expect((await get(`patients/${h.ada}`)).body.possibleDuplicates[h.zoe]).to.include({ resolution: 'dismissed' });
  });

  it('is for the front desk and admins only', async () => {
    expect((await get('duplicate-flags', 'admin')).status).to.equal(200);
    expect((await get('duplicate-flags', 'nurse')).status).to.equal(403);
  });

  it('is documented in /openapi.json with its pagination and consistency parameters', async () => {
    const doc = (await request(app).get('/openapi.json')).body;
    const operation = doc.paths['/hospitals/{hospitalId}/duplicate-flags']?.get;
    expect(operation, Object.keys(doc.paths).join(', ')).to.include({ operationId: 'listDuplicateFlags' });
    const names = operation.parameters.map((p: { name: string }) => p.name);
    expect(names).to.include.members(['resolution', 'limit', 'cursor', 'after']);
  });
});
