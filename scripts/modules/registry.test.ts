import { commandModuleNames, moduleNames } from '@chartline/events';
import { expect } from 'chai';
import type { StepAnswer } from '../bench/http-steps.js';
import type { WorkloadStep } from '../generate/workload.js';
import { moduleFreshnessReads, moduleScenarios, moduleWorkloads } from './registry.js';

const step = (module: WorkloadStep['module'], command: string): WorkloadStep => ({
  hospitalId: 'h1',
  role: 'front_desk',
  module,
  command,
  body: {},
  day: 1,
  minute: 0,
});
const answer = (id: string | null, body: Record<string, string> = {}): StepAnswer => ({
  status: 201,
  position: 7,
  id,
  body,
});

describe('scripts’ module plug-ins', () => {
  it('has a workload and a freshness read for every module with commands', () => {
    expect(Object.keys(moduleWorkloads)).to.have.members(commandModuleNames);
    expect(Object.keys(moduleFreshnessReads)).to.have.members(commandModuleNames);
    expect(Object.keys(moduleScenarios)).to.have.members(moduleNames);
  });

  it('reads the census after an admissions command, the patient’s summary after a patients command', () => {
    const visible = (s: WorkloadStep, a: StepAnswer) => moduleFreshnessReads[s.module](s, a);
    expect(visible(step('admissions', 'add-bed'), answer('b1'))).to.equal('/hospitals/h1/census');
    expect(visible(step('patients', 'register-patient'), answer('p1'))).to.equal('/hospitals/h1/patients/p1');
    expect(visible(step('patients', 'dismiss-possible-duplicate'), answer(null, { patientId: 'p2' }))).to.equal(
      '/hospitals/h1/patients/p2',
    );
    expect(visible(step('patients', 'dismiss-possible-duplicate'), answer(null))).to.equal(null);
  });
});
