import { expect } from 'chai';
import type { DomainEvent } from '../shared/command-spec.js';
import { given, TEST_HOSPITAL, TEST_NOW } from '../shared/given-when-then.js';
import { changeHospitalSettings, reactivateHospital, registerHospital, suspendHospital } from './commands.js';
import { type HospitalState, hospitalAggregate, settingsInForce } from './decider.js';
import { DEFAULT_HOSPITAL_SETTINGS } from './settings.js';

const REGISTERED_AT = '2025-01-01T00:00:00.000Z';
const registeredData = {
  hospitalId: TEST_HOSPITAL,
  name: 'St Mary',
  timeZone: 'Europe/Paris',
  currency: 'EUR',
  registeredAt: REGISTERED_AT,
};
const registered: DomainEvent = { type: 'HospitalRegistered', data: registeredData };
const suspendedData = { hospitalId: TEST_HOSPITAL, reason: 'contract ended', suspendedAt: REGISTERED_AT };
const suspended: DomainEvent = { type: 'HospitalSuspended', data: suspendedData };
const settingsBody = (effectiveFrom: string, minimumRestHours = 12) => ({
  effectiveFrom,
  minimumRestHours,
  maximumHoursPerSevenDays: 44,
  dischargeWithUnbilledCharges: 'warn',
  labTurnaroundMinutes: { stat: 45, urgent: 180, routine: 1200 },
});
const settingsChanged = (version: number, effectiveFrom: string, minimumRestHours = 12): DomainEvent => ({
  type: 'HospitalSettingsChanged',
  data: {
    hospitalId: TEST_HOSPITAL,
    settingsVersion: version,
    effectiveFrom,
    minimumRestHours,
    maximumHoursPerSevenDays: 44,
    dischargeWithUnbilledCharges: 'warn',
    labTurnaroundStatMinutes: 45,
    labTurnaroundUrgentMinutes: 180,
    labTurnaroundRoutineMinutes: 1200,
    labTurnaroundAsapMinutes: 120,
    stockExpiryWarningDays: [90, 60, 30],
    licenceExpiryWarningDays: 30,
    changedAt: TEST_NOW,
  },
});

describe('hospitals decider', () => {
  describe('register-hospital', () => {
    const body = { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' };
    it('registers a hospital with its time zone and currency', () => {
      given({})
        .when(registerHospital, body)
        .thenEvents({
          hospital: [{ type: 'HospitalRegistered', data: { ...registeredData, registeredAt: TEST_NOW } }],
          // Placed as it is registered (placement.test.ts has the placement's own rules).
          placement: [
            {
              type: 'HospitalPlaced',
              data: {
                hospitalId: TEST_HOSPITAL,
                partition: 0,
                partitions: 12,
                placementVersion: 1,
                placedAt: TEST_NOW,
              },
            },
          ],
        });
    });
    it('refuses: hospital-already-registered', () => {
      given({ hospital: [registered] })
        .when(registerHospital, body)
        .thenRejects('hospital-already-registered');
    });
    it('refuses: unknown-time-zone', () => {
      given({})
        .when(registerHospital, { ...body, timeZone: 'Europe/Atlantis' })
        .thenRejects('unknown-time-zone');
    });
    it('refuses: unknown-currency (not ISO 4217, or not upper case)', () => {
      given({})
        .when(registerHospital, { ...body, currency: 'XYZ' })
        .thenRejects('unknown-currency');
      given({})
        .when(registerHospital, { ...body, currency: 'eur' })
        .thenRejects('unknown-currency');
    });
  });

  describe('change-settings', () => {
    it('records version 1, then 2', () => {
      given({ hospital: [registered] })
        .when(changeHospitalSettings, settingsBody('2025-02-01T00:00:00Z'))
        .thenEvents({ hospital: [settingsChanged(1, '2025-02-01T00:00:00.000Z')] });
      given({ hospital: [registered, settingsChanged(1, '2025-02-01T00:00:00.000Z')] })
        .when(changeHospitalSettings, settingsBody('2025-03-01T00:00:00+01:00'))
        .thenEvents({ hospital: [settingsChanged(2, '2025-02-28T23:00:00.000Z')] });
    });
    it('without an effective date, the version is in force at once (from the command’s time)', () => {
      const { effectiveFrom: _, ...atOnce } = settingsBody('2025-02-01T00:00:00Z');
      given({ hospital: [registered] })
        .when(changeHospitalSettings, atOnce)
        .thenEvents({ hospital: [settingsChanged(1, TEST_NOW)] });
    });
    it('records the settings added since v1 as sent, largest expiry window first, each once', () => {
      const sent = {
        ...settingsBody('2025-02-01T00:00:00Z'),
        labTurnaroundMinutes: { stat: 45, asap: 100, urgent: 180, routine: 1200 },
        stockExpiryWarningDays: [30, 90, 30],
        licenceExpiryWarningDays: 60,
      };
      const expected = settingsChanged(1, '2025-02-01T00:00:00.000Z');
      given({ hospital: [registered] })
        .when(changeHospitalSettings, sent)
        .thenEvents({
          hospital: [
            {
              ...expected,
              data: {
                ...(expected.data as object),
                labTurnaroundAsapMinutes: 100,
                stockExpiryWarningDays: [90, 30],
                licenceExpiryWarningDays: 60,
              },
            },
          ],
        });
    });
    it('refuses: lab-turnaround-out-of-order (a more urgent priority with a longer target)', () => {
      given({ hospital: [registered] })
        .when(changeHospitalSettings, {
          ...settingsBody('2025-02-01T00:00:00Z'),
          labTurnaroundMinutes: { stat: 45, asap: 200, urgent: 180, routine: 1200 },
        })
        .thenRejects('lab-turnaround-out-of-order');
      given({ hospital: [registered] })
        .when(changeHospitalSettings, {
          ...settingsBody('2025-02-01T00:00:00Z'),
          labTurnaroundMinutes: { stat: 45, urgent: 1300, routine: 1200 },
        })
        .thenRejects('lab-turnaround-out-of-order');
    });
    it('refuses: settings-before-registration', () => {
      given({ hospital: [registered] })
        .when(changeHospitalSettings, settingsBody('2024-12-31T23:59:59Z'))
        .thenRejects('settings-before-registration');
    });
    it('refuses: hospital-not-registered', () => {
      given({})
        .when(changeHospitalSettings, settingsBody('2025-02-01T00:00:00Z'))
        .thenRejects('hospital-not-registered');
    });
    it('refuses settings out of range at the edge (zod)', () => {
      expect(() =>
        given({ hospital: [registered] }).when(changeHospitalSettings, settingsBody('2025-02-01T00:00:00Z', 25)),
      ).to.throw();
    });
  });

  describe('suspend-hospital and reactivate-hospital', () => {
    it('suspends an active hospital', () => {
      given({ hospital: [registered] })
        .when(suspendHospital, { reason: 'contract ended' })
        .thenEvents({ hospital: [{ type: 'HospitalSuspended', data: { ...suspendedData, suspendedAt: TEST_NOW } }] });
    });
    it('refuses: hospital-already-suspended', () => {
      given({ hospital: [registered, suspended] })
        .when(suspendHospital, { reason: 'again' })
        .thenRejects('hospital-already-suspended');
    });
    it('refuses to suspend or reactivate: hospital-not-registered', () => {
      given({}).when(suspendHospital, { reason: 'x' }).thenRejects('hospital-not-registered');
      given({}).when(reactivateHospital, { reason: 'contract renewed' }).thenRejects('hospital-not-registered');
    });
    it('reactivates a suspended hospital', () => {
      given({ hospital: [registered, suspended] })
        .when(reactivateHospital, { reason: 'contract renewed' })
        .thenEvents({
          hospital: [
            {
              type: 'HospitalReactivated',
              data: { hospitalId: TEST_HOSPITAL, reason: 'contract renewed', reactivatedAt: TEST_NOW },
            },
          ],
        });
    });
    it('refuses: hospital-not-suspended (reactivating an active hospital)', () => {
      given({ hospital: [registered] })
        .when(reactivateHospital, { reason: 'contract renewed' })
        .thenRejects('hospital-not-suspended');
    });
  });

  describe('settingsInForce', () => {
    const fold = (events: DomainEvent[]): HospitalState =>
      events.reduce((s, e) => hospitalAggregate.evolve(s, e as never), hospitalAggregate.initialState);
    const state = fold([
      registered,
      settingsChanged(1, '2025-02-01T00:00:00.000Z', 12),
      // recorded later but effective earlier than version 3's date: dates decide, not recording order
      settingsChanged(2, '2025-04-01T00:00:00.000Z', 9),
      settingsChanged(3, '2025-03-01T00:00:00.000Z', 10),
    ]);
    it('uses the defaults (version 0, from registration) before the first change takes effect', () => {
      expect(settingsInForce(state, '2025-01-15T00:00:00.000Z')).to.deep.equal({
        hospitalId: TEST_HOSPITAL,
        timeZone: 'Europe/Paris',
        currency: 'EUR',
        settingsVersion: 0,
        effectiveFrom: REGISTERED_AT,
        ...DEFAULT_HOSPITAL_SETTINGS,
      });
    });
    it('documents the defaults the module issues name', () => {
      expect(DEFAULT_HOSPITAL_SETTINGS).to.deep.equal({
        minimumRestHours: 11,
        maximumHoursPerSevenDays: 48,
        dischargeWithUnbilledCharges: 'refuse',
        labTurnaroundMinutes: { stat: 60, asap: 120, urgent: 240, routine: 1440 },
        stockExpiryWarningDays: [90, 60, 30],
        licenceExpiryWarningDays: 30,
      });
    });
    it('carries the registration’s time zone and currency with every version', () => {
      const v = settingsInForce(state, '2025-03-15T00:00:00.000Z');
      expect(v).to.include({ timeZone: 'Europe/Paris', currency: 'EUR', settingsVersion: 3 });
      expect(v.effectiveFrom).to.equal('2025-03-01T00:00:00.000Z');
    });
    it('refuses: hospital-not-registered (a hospital never registered has no settings)', () => {
      expect(() => settingsInForce(hospitalAggregate.initialState, TEST_NOW))
        .to.throw()
        .with.property('rule', 'hospital-not-registered');
    });
    it('applies to a past event the version in force then, by effective date', () => {
      expect(settingsInForce(state, '2025-02-01T00:00:00.000Z').minimumRestHours).to.equal(12);
      expect(settingsInForce(state, '2025-03-15T00:00:00.000Z').minimumRestHours).to.equal(10);
      expect(settingsInForce(state, '2025-05-01T00:00:00.000Z').minimumRestHours).to.equal(9);
    });
    it('of two versions effective at the same instant, the later one wins', () => {
      const same = fold([
        registered,
        settingsChanged(1, '2025-02-01T00:00:00.000Z', 12),
        settingsChanged(2, '2025-02-01T00:00:00.000Z', 8),
      ]);
      expect(settingsInForce(same, '2025-02-02T00:00:00.000Z').minimumRestHours).to.equal(8);
    });
  });
});
