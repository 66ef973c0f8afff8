import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { allEvents, type Harness } from './harness.js';

/**
 * Tokens of hospitals the platform does not serve are refused by the command API: one scenario,
 * run on the embedded adapters (unit) and on PostgreSQL (integration). Needs a harness made with
 * `checkHospitals` and the hospitals and admissions modules.
 */
export function servedHospitalScenario(makeHarness: () => Promise<Harness>, hospitalId: () => string): void {
  let h: Harness;
  let hospital: string;
  before(async () => {
    h = await makeHarness();
    hospital = hospitalId();
  });

  const post = async (path: string, body: object, roles: readonly string[], at = hospital) =>
    request(h.app)
      .post(`/hospitals/${at}/${path}`)
      .set('Authorization', `Bearer ${await h.token({ roles, hospitals: [at], sub: `u-${roles.join('-')}` })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
  const ward = (roles: readonly string[] = ['admin'], at = hospital) =>
    post('admissions/define-ward', { name: 'Ward A', specialty: 'medical' }, roles, at);
  const eventsOf = async (at: string) => (await allEvents(h.eventStore)).filter((e) => e.streamId.includes(`-${at}.`));
  const refused = (res: request.Response, problem: string) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(403);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ type: `/problems/${problem}`, status: 403 });
  };

  it('refuses a command for a hospital not registered: 403 hospital-not-registered, saying who registers it; nothing written', async () => {
    const res = await ward();
    refused(res, 'hospital-not-registered');
    expect(res.body.detail).to.match(/platform administrator registers it/);
    expect(await eventsOf(hospital)).to.have.length(0);
  });

  it('a platform_admin role does not open other modules’ commands for an unregistered hospital', async () => {
    refused(await ward(['platform_admin', 'admin']), 'hospital-not-registered');
  });

  it('a platform administrator registers it; its tokens are served at once', async () => {
    const registration = { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' };
    expect((await post('hospitals/register-hospital', registration, ['platform_admin'])).status).to.equal(201);
    expect((await ward()).status).to.equal(201);
  });

  it('refuses a command for a suspended hospital: 403 hospital-suspended, saying it must be reactivated; nothing written', async () => {
    expect(
      (await post('hospitals/suspend-hospital', { reason: 'contract ended' }, ['platform_admin'])).status,
    ).to.equal(200);
    const before = (await eventsOf(hospital)).length;
    const res = await ward();
    refused(res, 'hospital-suspended');
    expect(res.body.detail).to.match(/reactivates it/);
    // The hospital's own administrator may not manage it on the platform either.
    refused(await post('hospitals/reactivate-hospital', { reason: 'please' }, ['admin']), 'hospital-suspended');
    expect(await eventsOf(hospital)).to.have.length(before);
  });

  it('a platform administrator still manages the suspended hospital, and reactivating it serves its tokens again', async () => {
    const settings = {
      effectiveFrom: new Date(Date.now() + 86_400_000).toISOString(),
      minimumRestHours: 12,
      maximumHoursPerSevenDays: 48,
      dischargeWithUnbilledCharges: 'refuse',
      labTurnaroundMinutes: { stat: 60, urgent: 240, routine: 1440 },
    };
    expect((await post('hospitals/change-settings', settings, ['platform_admin'])).status).to.equal(200);
    expect((await post('hospitals/reactivate-hospital', { reason: 'renewed' }, ['platform_admin'])).status).to.equal(
      200,
    );
    expect((await ward()).status).to.equal(201);
  });
}
