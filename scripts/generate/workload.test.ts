import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { seededRandom } from './prng.js';
import { generateWorkload, type WorkloadStep } from './workload.js';

describe('generateWorkload', () => {
  it('gives the identical command sequence for the same seed', () => {
    const a = generateWorkload({ hospitals: 3, days: 4, seed: 'same' });
    const b = generateWorkload({ hospitals: 3, days: 4, seed: 'same' });
    expect(a.length).to.be.greaterThan(100);
    expect(JSON.stringify(b)).to.equal(JSON.stringify(a));
  });

  it('keeps a seed’s sequence across changes to the generator (the modules’ plug-ins on one random stream)', () => {
    // Pinned when the generator became per-module plug-ins: a seed recorded in a bench result or a
    // bug report must give the same commands tomorrow. Change only with a new module's steps.
    const digest = (o: Parameters<typeof generateWorkload>[0], keep: (s: WorkloadStep) => boolean = () => true) =>
      createHash('sha256')
        .update(JSON.stringify(generateWorkload(o).filter(keep)))
        .digest('hex');
    expect(digest({ hospitals: 3, days: 10, seed: 'same' })).to.equal(
      '16c8314b4f4a92638f97d54be439f305d159f4eea6a81e4c74cd911213b18a3b',
    );
    expect(
      digest({ hospitals: 2, days: 30, seed: 7, wardsPerHospital: 2, bedsPerWard: 4, hospitalPrefix: 'x' }),
    ).to.equal('2057558b96aba578ef28297c492c6d8833cb95785d1d3e9e66632fab7d33293b');
    // The billing and inventory modules added only their own steps: every other step is as pinned before them.
    const beforeBilling = (s: WorkloadStep) => s.module !== 'billing' && s.module !== 'inventory';
    expect(digest({ hospitals: 3, days: 10, seed: 'same' }, beforeBilling)).to.equal(
      'c7fb1e99f0a8bd82ca5d410722d288c785331f7dba2dd52b558d05384324134d',
    );
    expect(
      digest(
        { hospitals: 2, days: 30, seed: 7, wardsPerHospital: 2, bedsPerWard: 4, hospitalPrefix: 'x' },
        beforeBilling,
      ),
    ).to.equal('f46d67b95a19b93ec179458ed7be7bf7161c77d25de497a91c74d39db54b119b');
    // The hospitals module added only its registrations (first, since the APIs refuse every other
    // command for an unregistered hospital): every other step is as pinned before it.
    const others = (s: WorkloadStep) => s.module !== 'hospitals' && s.module !== 'billing' && s.module !== 'inventory';
    expect(digest({ hospitals: 3, days: 10, seed: 'same' }, others)).to.equal(
      'ba395152d2078ae923fe48079257937b79b117d4fc2a5ccd9dd8cd6ed4366ddc',
    );
    expect(
      digest({ hospitals: 2, days: 30, seed: 7, wardsPerHospital: 2, bedsPerWard: 4, hospitalPrefix: 'x' }, others),
    ).to.equal('b1a867a891218b15759a02adcb7b5b25ae36859206526ce56b28432186917902');
  });

  it('registers each hospital before anything else is sent for it', () => {
    const steps = generateWorkload({ hospitals: 3, days: 2, seed: 'onboard' });
    for (const hospitalId of ['gen-1', 'gen-2', 'gen-3']) {
      const first = steps.find((s) => s.hospitalId === hospitalId);
      expect(first).to.include({ module: 'hospitals', command: 'register-hospital', role: 'platform_admin' });
    }
  });

  it('gives a different sequence for another seed', () => {
    const a = generateWorkload({ hospitals: 2, days: 3, seed: 1 });
    const b = generateWorkload({ hospitals: 2, days: 3, seed: 2 });
    expect(JSON.stringify(b)).not.to.equal(JSON.stringify(a));
  });

  it('keeps one hospital’s commands unchanged when more hospitals are generated', () => {
    const first = (steps: WorkloadStep[]) => steps.filter((s) => s.hospitalId === 'gen-1');
    const one = first(generateWorkload({ hospitals: 1, days: 3, seed: 9 }));
    const three = first(generateWorkload({ hospitals: 3, days: 3, seed: 9 }));
    expect(three).to.deep.equal(one);
  });

  it('covers registrations, duplicates, admissions, transfers, discharges and cleaning', () => {
    const commands = new Set(generateWorkload({ hospitals: 2, days: 7, seed: 3 }).map((s) => s.command));
    for (const c of [
      'define-ward',
      'add-bed',
      'register-patient',
      'dismiss-possible-duplicate',
      'request-admission',
      'admit-patient',
      'transfer-patient',
      'discharge-patient',
      'mark-bed-clean',
    ]) {
      expect(commands, c).to.include(c);
    }
  });

  it('refers only to ids saved by earlier steps of the same hospital, in time order', () => {
    const steps = generateWorkload({ hospitals: 2, days: 5, seed: 5 });
    const saved = new Map<string, string>();
    let last = { day: 0, minute: 0 };
    for (const step of steps) {
      expect(step.day * 1440 + step.minute).to.be.at.least(last.day * 1440 + last.minute);
      last = step;
      for (const value of Object.values(step.body)) {
        if (typeof value !== 'object') continue;
        expect(saved.get(value.$ref), value.$ref).to.equal(step.hospitalId);
      }
      if (step.saveAs) saved.set(step.saveAs, step.hospitalId);
    }
  });
});

describe('seededRandom', () => {
  it('repeats its numbers for a seed and stays in range', () => {
    const a = seededRandom('x');
    const b = seededRandom('x');
    const xs = Array.from({ length: 1000 }, () => a.int(1, 6));
    expect(Array.from({ length: 1000 }, () => b.int(1, 6))).to.deep.equal(xs);
    expect(Math.min(...xs)).to.equal(1);
    expect(Math.max(...xs)).to.equal(6);
  });
});
