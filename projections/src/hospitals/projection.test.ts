import { describeProjectionSpecs, projectionSpec, SPEC_HOSPITAL, SPEC_TIME } from '../testing/projection-spec.js';
import { hospitalsProjection } from './projection.js';
import { HOSPITALS } from './views.js';

const { event, given } = projectionSpec(hospitalsProjection);
const H = SPEC_HOSPITAL;

const registered = event('HospitalRegistered', {
  hospitalId: H,
  name: 'St Mary',
  timeZone: 'Europe/Paris',
  currency: 'EUR',
  registeredAt: SPEC_TIME,
});
const hospitalDoc = (fields: Record<string, unknown>) => ({
  _id: `${H}:${H}`,
  hospitalId: H,
  name: 'St Mary',
  timeZone: 'Europe/Paris',
  currency: 'EUR',
  registeredAt: SPEC_TIME,
  status: 'active',
  settings: null,
  ...fields,
});
const suspended = event('HospitalSuspended', { hospitalId: H, reason: 'contract ended', suspendedAt: SPEC_TIME });

describeProjectionSpecs(hospitalsProjection, {
  HospitalRegistered: () => given(registered).expect({ [HOSPITALS]: [hospitalDoc({ position: 1, revision: 0 })] }),
  HospitalSettingsChanged: () =>
    given(
      registered,
      event('HospitalSettingsChanged', {
        hospitalId: H,
        settingsVersion: 1,
        effectiveFrom: '2025-04-01T00:00:00.000Z',
        minimumRestHours: 12,
        maximumHoursPerSevenDays: 44,
        dischargeWithUnbilledCharges: 'warn',
        labTurnaroundStatMinutes: 45,
        labTurnaroundUrgentMinutes: 180,
        labTurnaroundRoutineMinutes: 1200,
        labTurnaroundAsapMinutes: 90,
        stockExpiryWarningDays: [60, 30],
        licenceExpiryWarningDays: 45,
        changedAt: SPEC_TIME,
      }),
    ).expect({
      [HOSPITALS]: [
        hospitalDoc({
          position: 2,
          revision: 1,
          settings: {
            settingsVersion: 1,
            effectiveFrom: '2025-04-01T00:00:00.000Z',
            minimumRestHours: 12,
            maximumHoursPerSevenDays: 44,
            dischargeWithUnbilledCharges: 'warn',
            labTurnaroundMinutes: { stat: 45, asap: 90, urgent: 180, routine: 1200 },
            stockExpiryWarningDays: [60, 30],
            licenceExpiryWarningDays: 45,
          },
        }),
      ],
    }),
  HospitalSuspended: () =>
    given(registered, suspended).expect({
      [HOSPITALS]: [hospitalDoc({ position: 2, revision: 1, status: 'suspended' })],
    }),
  HospitalReactivated: () =>
    given(
      registered,
      suspended,
      event('HospitalReactivated', { hospitalId: H, reason: 'contract renewed', reactivatedAt: SPEC_TIME }),
    ).expect({
      [HOSPITALS]: [hospitalDoc({ position: 3, revision: 2, status: 'active' })],
    }),
});
