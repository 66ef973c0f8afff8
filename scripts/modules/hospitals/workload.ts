import type { ModuleWorkloadFactory } from '../../generate/hospital-world.js';

/**
 * The hospitals module's share of a simulated hospital: a platform administrator registers the
 * hospital on day 0, before any other module's set-up (the APIs refuse every other command for an
 * unregistered hospital); no draw from world.random, so other modules' streams are unchanged.
 */
export const hospitalsWorkload: ModuleWorkloadFactory = (world) => ({
  onboard() {
    world.step({
      role: 'platform_admin',
      module: 'hospitals',
      command: 'register-hospital',
      body: { name: `Hospital ${world.hospitalId}`, timeZone: 'Europe/London', currency: 'GBP' },
    });
  },
});
