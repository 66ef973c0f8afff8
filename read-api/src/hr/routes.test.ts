import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';
import { hrRoutes } from './routes.js';

/** The HR views over events sealed and projected as in production (seedHospital's nurse, and more here). */
describe('hr read routes', () => {
  const auth = tokens();
  let stores: Stores;
  let h: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  const erased = uuidv7();
  const colleague = uuidv7();
  const expiredLicence = uuidv7();

  before(async () => {
    stores = memoryStores();
    h = await seedHospital(stores, 'h1');
    const onboard = (staffId: string, familyName: string) =>
      h.history.append('hr.StaffOnboarded', staffId, {
        staffId,
        givenName: 'Mary',
        familyName,
        department: 'Surgery',
        jobTitle: 'Charge nurse',
        practitionerRoles: ['nurse'],
        startDate: '2024-01-01',
        onboardedAt: '2025-01-15T09:00:00.000Z',
      });
    await onboard(colleague, 'Seacole');
    await h.history.append('hr.LicenceRecorded', colleague, {
      staffId: colleague,
      licenceId: expiredLicence,
      qualification: 'Registered nurse',
      number: 'RN-0002',
      issuer: 'Nursing Council',
      validFrom: '2023-01-01',
      validTo: '2025-01-10',
      recordedAt: '2025-01-15T09:00:00.000Z',
    });
    await onboard(erased, 'Forgotten');
    await h.history.append('hr.StaffSeparated', erased, {
      staffId: erased,
      separationDate: '2025-01-14',
      reason: 'resignation',
      separatedAt: '2025-01-15T09:00:00.000Z',
    });
    await h.history.append('hr.StaffPersonalDataErased', erased, {
      staffId: erased,
      legalBasis: 'staff_request',
      erasedAt: '2025-01-15T09:01:00.000Z',
    });
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 300, pollMs: 10 } });
  });

  const get = async (path: string, role = 'hr_admin') =>
    request(app)
      .get(path)
      .set('Authorization', `Bearer ${await auth.mint(role, ['h1'])}`);
  /** Every answer matches the schema the OpenAPI document publishes for its route. */
  const valid = (id: string, body: unknown) => {
    const route = hrRoutes.find((r) => r.id === id)!;
    const parsed = route.response.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).to.equal(true);
    return body as Record<string, unknown> & { items: Record<string, unknown>[] };
  };

  it('the staff directory lists staff, and erased staff drop out', async () => {
    const res = await get('/hospitals/h1/hr/staff');
    expect(res.status).to.equal(200);
    const body = valid('staffDirectory', res.body);
    // In onboarding order (staff ids are UUID v7): the colleague's id was made first.
    expect(body.items.map((s) => s['familyName'])).to.deep.equal(['Seacole', 'Nightingale']);
    expect(JSON.stringify(body)).to.not.include(erased);
    const nurse = body.items.find((s) => s['staffId'] === h.staffId);
    expect(nurse).to.include({ status: 'active', revision: 4 });
    expect(nurse?.['leaveBalances']).to.deep.include({ annual: 25 });
  });

  it('a directory read leaves an access event for each staff member shown (names are personal), none for the erased', async () => {
    const logged = async () =>
      (await stores.eventStore.readAll()).filter((e) => e.type === 'audit.StaffPersonalDataAccessed');
    const before = (await logged()).length;
    const res = await get('/hospitals/h1/hr/staff', 'ward_manager');
    expect(res.status).to.equal(200);
    // Personal data: never stored by a shared cache.
    expect(res.headers['cache-control']).to.include('no-store');
    const mine = (await logged()).slice(before);
    expect(mine.map((e) => e.data['staffId']).sort()).to.deep.equal([colleague, h.staffId].sort());
    expect(mine.map((e) => e.streamId).sort()).to.deep.equal(
      [`staffDataAccess-h1.${colleague}`, `staffDataAccess-h1.${h.staffId}`].sort(),
    );
    expect(mine[0]?.data).to.include({ view: 'staff_directory', route: 'GET /hospitals/:hospitalId/hr/staff' });
    expect(mine[0]?.metadata['actor']).to.deep.include({ role: 'ward_manager' });
    expect(JSON.stringify(mine)).to.not.include(erased);
    // The same answer again (from the query cache, if any) is logged again: every read is.
    await get('/hospitals/h1/hr/staff', 'ward_manager');
    expect((await logged()).length).to.equal(before + 4);
    // Auditors read one staff member's log through the access-log route.
    const log = await request(app)
      .get(`/hospitals/h1/audit/access-log?staffId=${colleague}`)
      .set('Authorization', `Bearer ${await auth.mint('auditor', ['h1'])}`);
    expect(log.status, JSON.stringify(log.body)).to.equal(200);
    // Every directory read so far (this test's two, and the earlier test's) showed the colleague.
    const colleagues = (await logged()).filter((e) => e.data['staffId'] === colleague);
    expect(colleagues.length).to.be.at.least(2);
    expect(log.body.items.map((e: { eventId: string }) => e.eventId)).to.deep.equal(colleagues.map((e) => e.eventId));
    expect(log.body.items.every((e: { type: string }) => e.type === 'audit.StaffPersonalDataAccessed')).to.equal(true);
  });

  it('pages the directory by keyset', async () => {
    const first = valid('staffDirectory', (await get('/hospitals/h1/hr/staff?limit=1')).body);
    expect(first.items).to.have.length(1);
    const second = valid(
      'staffDirectory',
      (await get(`/hospitals/h1/hr/staff?limit=1&cursor=${first['nextCursor']}`)).body,
    );
    expect(second.items.map((s) => s['familyName'])).to.deep.equal(['Nightingale']);
    expect(second['nextCursor']).to.equal(null);
  });

  it('the ward roster of a week shows coverage against the required staff', async () => {
    const res = await get(`/hospitals/h1/hr/wards/${h.wardId}/roster?weekStart=2025-01-20`, 'ward_manager');
    expect(res.status).to.equal(200);
    const body = valid('wardRoster', res.body) as unknown as {
      shifts: { staffId: string }[];
      coverage: { date: string; required: number; assigned: number; gap: number }[];
    };
    expect(body.shifts.map((s) => s.staffId)).to.deep.equal([h.staffId]);
    expect(body.coverage).to.have.length(7);
    expect(body.coverage[0]).to.include({ date: '2025-01-20', required: 2, assigned: 1, gap: 1 });
    expect(body.coverage[1]).to.include({ date: '2025-01-21', required: 2, assigned: 0, gap: 2 });
  });

  it('licences expiring within 30 days, and expired, of current staff', async () => {
    const expiring = valid(
      'licencesByExpiry',
      (await get('/hospitals/h1/hr/licences?status=expiring&asOf=2025-01-15')).body,
    );
    expect(expiring.items.map((l) => l['staffId'])).to.deep.equal([h.staffId]);
    const expired = valid(
      'licencesByExpiry',
      (await get('/hospitals/h1/hr/licences?status=expired&asOf=2025-01-15')).body,
    );
    expect(expired.items.map((l) => l['licenceId'])).to.deep.equal([expiredLicence]);
  });

  it('the leave calendar shows leave overlapping the period', async () => {
    const feb = valid('leaveCalendar', (await get('/hospitals/h1/hr/leave?from=2025-02-12&to=2025-02-20')).body);
    expect(feb.items.map((l) => [l['staffId'], l['status'], l['days']])).to.deep.equal([[h.staffId, 'requested', 3]]);
    const march = valid('leaveCalendar', (await get('/hospitals/h1/hr/leave?from=2025-03-01&to=2025-03-31')).body);
    expect(march.items).to.deep.equal([]);
  });

  it('refuses a leave period longer than 92 days (400 naming `to`)', async () => {
    const res = await get('/hospitals/h1/hr/leave?from=2025-01-01&to=2025-12-31');
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body)).to.include('to');
  });

  it('hours per person in the rolling 7 days', async () => {
    const body = valid('rollingHours', (await get('/hospitals/h1/hr/hours?until=2025-01-20T13:00:00Z')).body);
    expect(body.items).to.deep.equal([{ staffId: h.staffId, hours: 6 }]);
    const later = valid('rollingHours', (await get('/hospitals/h1/hr/hours?until=2025-01-28T07:00:00Z')).body);
    expect(later.items).to.deep.equal([]);
  });

  it('swaps waiting for a ward manager (none here)', async () => {
    const body = valid('shiftSwaps', (await get('/hospitals/h1/hr/swaps', 'ward_manager')).body);
    expect(body.items).to.deep.equal([]);
  });
});
