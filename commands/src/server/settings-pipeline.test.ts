import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { hospitalsModule } from '../hospitals/index.js';
import { given, hospitalRegistered, hospitalSettingsChanged } from '../shared/given-when-then.js';
import { commandHarness, type Harness } from './testing/harness.js';
import { assignShift, rosterEvents, rosterModule } from './testing/roster-fixture.js';

const shiftEnded = (end: string) => ({
  type: 'ShiftAssigned',
  data: { personId: 'p1', start: '2025-01-01T00:00:00.000Z', end, settingsVersion: 0 },
});

describe('settings loaded with the command (settingsAt → decide)', () => {
  describe('given/when/then', () => {
    const history = { person: [shiftEnded('2025-03-10T20:00:00.000Z')] };
    const events = rosterEvents;
    const tenHoursLater = { personId: 'p1', start: '2025-03-11T06:00:00.000Z', end: '2025-03-11T14:00:00.000Z' };
    const twelveHoursLater = { personId: 'p1', start: '2025-03-11T08:00:00.000Z', end: '2025-03-11T16:00:00.000Z' };

    it('with the documented defaults (11 h rest), refuses 10 h and allows 12 h', () => {
      given(history).when(assignShift, tenHoursLater).thenRejects('rest-too-short');
      given(history, { events })
        .when(assignShift, twelveHoursLater)
        .thenEvents({ person: [{ type: 'ShiftAssigned', data: { ...twelveHoursLater, settingsVersion: 0 } }] });
    });

    // Version 1 lowers the rest to 8 h from 11 March: a shift on the 11th uses it, a shift judged
    // for a time before it (an event in the past) still uses the 11 h of the defaults.
    const hospital = [
      hospitalRegistered(),
      hospitalSettingsChanged(1, '2025-03-11T00:00:00.000Z', { minimumRestHours: 8 }),
    ];

    it('uses the version in force at the shift’s start', () => {
      given(history, { hospital, events })
        .when(assignShift, tenHoursLater)
        .thenEvents({ person: [{ type: 'ShiftAssigned', data: { ...tenHoursLater, settingsVersion: 1 } }] });
    });

    it('a shift starting before the version’s effective date is judged by the settings in force then', () => {
      const earlier = { person: [shiftEnded('2025-03-10T00:00:00.000Z')] };
      const beforeTheChange = { personId: 'p1', start: '2025-03-10T10:00:00.000Z', end: '2025-03-10T18:00:00.000Z' };
      given(earlier, { hospital }).when(assignShift, beforeTheChange).thenRejects('rest-too-short');
    });

    it('refuses: hospital-not-registered (no settings exist for it)', () => {
      given(history, { hospital: [] }).when(assignShift, twelveHoursLater).thenRejects('hospital-not-registered');
    });
  });

  describe('over HTTP, from the hospital’s stream in the event store', () => {
    let h: Harness;
    const post = async (module: string, command: string, body: object, role = 'admin') =>
      request(h.app)
        .post(`/hospitals/h1/${module}/${command}`)
        .set('Authorization', `Bearer ${await h.token({ role })}`)
        .set('Idempotency-Key', uuidv7())
        .send(body);
    const shift = (start: string, end: string) => post('rostertest', 'assign-shift', { personId: 'p1', start, end });

    beforeEach(async () => {
      h = await commandHarness({ modules: [hospitalsModule, rosterModule] });
    });

    it('refuses a settings-dependent command for a hospital never registered: 409 hospital-not-registered', async () => {
      const refused = await shift('2025-03-11T08:00:00Z', '2025-03-11T16:00:00Z');
      expect(refused.status).to.equal(409);
      expect(refused.body).to.include({ rule: 'hospital-not-registered' });
    });

    it('uses the settings recorded by change-settings at once in this process, by effective date', async () => {
      const registration = { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' };
      expect((await post('hospitals', 'register-hospital', registration, 'platform_admin')).status).to.equal(201);
      // Shifts from tomorrow: settings can only take effect after the registration just made.
      const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const effectiveFrom = new Date(Date.now() + 60_000).toISOString();
      expect((await shift(`${day}T00:00:00Z`, `${day}T08:00:00Z`)).status).to.equal(201);
      // 10 h later: refused under the default 11 h (the directory has cached the hospital by now)
      const refused = await shift(`${day}T18:00:00Z`, `${day}T20:00:00Z`);
      expect(refused.body).to.include({ rule: 'rest-too-short' });
      const change = await post(
        'hospitals',
        'change-settings',
        {
          effectiveFrom,
          minimumRestHours: 8,
          maximumHoursPerSevenDays: 48,
          dischargeWithUnbilledCharges: 'refuse',
          labTurnaroundMinutes: { stat: 60, urgent: 240, routine: 1440 },
        },
        'platform_admin',
      );
      expect(change.status).to.equal(200);
      // The change was appended by this process, so its cached hospital was dropped: no stale window here.
      const accepted = await shift(`${day}T18:00:00Z`, `${day}T20:00:00Z`);
      expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
    });
  });
});
