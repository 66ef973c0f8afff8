import type { ModuleScenario } from '../../e2e/scenario-context.js';

/**
 * The hospitals module's part: a platform administrator registers the hospital before anything
 * else (both APIs refuse every other request for an unregistered hospital), records a settings
 * version, and the hospital's profile shows both.
 */
export const hospitalsScenario: ModuleScenario = {
  onboarding: ({ expect, command, attempt, peek }) => {
    it('refuses the hospital’s tokens on both APIs before it is registered', async () => {
      const ward = await attempt('admin', 'admissions/define-ward', { name: 'Too Early', specialty: 'medical' });
      expect(ward.status).to.equal(403);
      expect(ward.body).to.include({ type: '/problems/hospital-not-registered' });
      const census = await peek('nurse', 'census');
      expect(census.status).to.equal(403);
      expect(census.body).to.include({ type: '/problems/hospital-not-registered' });
    });

    it('registers the hospital through the platform administrator’s command', async () => {
      await command('platform_admin', 'hospitals/register-hospital', {
        name: 'E2E General',
        timeZone: 'Europe/Paris',
        currency: 'EUR',
      });
      // The read API may have cached "not registered" (1 s, docs/operations.md): wait it out as an app would.
      const deadline = Date.now() + 5_000;
      let census = await peek('nurse', 'census');
      while (census.status === 403 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        census = await peek('nurse', 'census');
      }
      expect(census.status).to.equal(200);
    });
  },

  setUp: ({ command }) => {
    it('records a settings version in force from tomorrow', async () => {
      await command('platform_admin', 'hospitals/change-settings', {
        effectiveFrom: new Date(Date.now() + 86_400_000).toISOString(),
        minimumRestHours: 12,
        maximumHoursPerSevenDays: 44,
        dischargeWithUnbilledCharges: 'refuse',
        labTurnaroundMinutes: { stat: 45, asap: 90, urgent: 180, routine: 1200 },
      });
    });
  },

  reads: ({ expect, read }) => {
    it('reads the hospital’s profile: registered, active, with its latest settings', async () => {
      const profile = await read('admin', 'profile');
      expect(profile).to.include({ name: 'E2E General', timeZone: 'Europe/Paris', currency: 'EUR', status: 'active' });
      expect(profile['settings']).to.include({ settingsVersion: 1, minimumRestHours: 12 });
    });
  },
};
