import { expect } from 'chai';
import { generateWorkload } from '../generate/workload.js';
import { isHospitalRegistration } from './commands-sweep.js';

describe('bench: the sweep sends hospital onboarding before the clock', () => {
  it("takes out exactly each hospital's registration, and nothing else", () => {
    const steps = generateWorkload({ hospitals: 3, days: 1, seed: 'sweep-test', hospitalPrefix: 'sw' });
    const onboarding = steps.filter(isHospitalRegistration);
    expect(onboarding.map((s) => s.hospitalId).sort()).to.deep.equal(['sw-1', 'sw-2', 'sw-3']);
    expect(steps.filter((s) => !isHospitalRegistration(s)).some((s) => s.command === 'register-hospital')).to.equal(
      false,
    );
  });
});
