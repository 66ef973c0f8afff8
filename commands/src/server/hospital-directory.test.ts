import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { hospitalStreamId } from '../hospitals/index.js';
import { hospitalDirectory } from './hospital-directory.js';

const H = 'h-directory';
const raw = (type: string, schemaVersion: number, data: Record<string, string | number>) => ({
  eventId: uuidv7(),
  type: `hospitals.${type}`,
  data: { hospitalId: H, ...data },
  metadata: { schemaVersion, hospitalId: H },
});
const registered = raw('HospitalRegistered', 1, {
  name: 'St Mary',
  timeZone: 'Europe/Paris',
  currency: 'EUR',
  registeredAt: '2025-01-01T00:00:00.000Z',
});
// Written by the first schema version: no asap target, no expiry windows.
const settingsV1 = raw('HospitalSettingsChanged', 1, {
  settingsVersion: 1,
  effectiveFrom: '2025-02-01T00:00:00.000Z',
  minimumRestHours: 12,
  maximumHoursPerSevenDays: 44,
  dischargeWithUnbilledCharges: 'allow',
  labTurnaroundStatMinutes: 30,
  labTurnaroundUrgentMinutes: 180,
  labTurnaroundRoutineMinutes: 1200,
  changedAt: '2025-01-20T00:00:00.000Z',
});

describe('hospital directory (status and settings in force, cached per process)', () => {
  it('folds the hospital’s stream, reading a v1 settings version with the defaults for what v1 lacked', async () => {
    const store = new MemoryEventStore();
    await store.append(hospitalStreamId(H), [registered, settingsV1], 'no_stream');
    const directory = hospitalDirectory(store);
    expect(await directory.status(H)).to.equal('active');
    const settings = await directory.settingsInForce(H, '2025-03-01T00:00:00.000Z');
    expect(settings).to.deep.include({
      settingsVersion: 1,
      minimumRestHours: 12,
      dischargeWithUnbilledCharges: 'allow',
    });
    expect(settings.labTurnaroundMinutes).to.deep.equal({ stat: 30, asap: 120, urgent: 180, routine: 1200 });
    expect(settings.stockExpiryWarningDays).to.deep.equal([90, 60, 30]);
    expect(settings.licenceExpiryWarningDays).to.equal(30);
  });

  it('answers unregistered for a hospital without a stream, and refuses its settings', async () => {
    const directory = hospitalDirectory(new MemoryEventStore());
    expect(await directory.status(H)).to.equal('unregistered');
    const error = await directory.settingsInForce(H, '2025-03-01T00:00:00.000Z').catch((e: unknown) => e);
    expect(error).to.have.property('rule', 'hospital-not-registered');
  });

  it('reads the store once per TTL; a change written elsewhere shows after it, one written here at once', async () => {
    const store = new MemoryEventStore();
    let reads = 0;
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'readStream') reads++;
        return Reflect.get(target, prop, receiver);
      },
    });
    await store.append(hospitalStreamId(H), [registered], 'no_stream');
    const directory = hospitalDirectory(counting, { ttlMs: 80 });
    await Promise.all(Array.from({ length: 20 }, () => directory.status(H)));
    expect(reads).to.equal(1);
    // Another replica suspends the hospital: this one answers the cached status until the TTL passes.
    await store.append(hospitalStreamId(H), [raw('HospitalSuspended', 1, { reason: 'x', suspendedAt: 'x' })], 0);
    expect(await directory.status(H)).to.equal('active');
    await sleep(100);
    expect(await directory.status(H)).to.equal('suspended');
    expect(reads).to.equal(2);
    // This process reactivates it: the append tells the directory, which reads again at once.
    await store.append(hospitalStreamId(H), [raw('HospitalReactivated', 1, { reason: 'y', reactivatedAt: 'y' })], 1);
    directory.written(H, ['patient-h-directory.p1']);
    expect(await directory.status(H)).to.equal('suspended');
    directory.written(H, [hospitalStreamId(H)]);
    expect(await directory.status(H)).to.equal('active');
  });
});
