import { defineProjection, type HandlerOf, ignore } from '../runtime/define-projection.js';
import { HOSPITALS, hospitalsViews } from './views.js';

type Handler<N extends 'HospitalRegistered' | 'HospitalSettingsChanged' | 'HospitalSuspended' | 'HospitalReactivated'> =
  HandlerOf<'hospitals', N, typeof HOSPITALS>;

const registered: Handler<'HospitalRegistered'> = async (event, ctx) => {
  const { hospitalId, name, timeZone, currency, registeredAt } = event.data;
  await ctx.write(HOSPITALS, hospitalId, {
    $set: { name, timeZone, currency, registeredAt, status: 'active', settings: null },
  });
};

// The latest recorded version is shown; it may be future-dated (its effectiveFrom says from when).
const settingsChanged: Handler<'HospitalSettingsChanged'> = async (event, ctx) => {
  const d = event.data;
  const settings = {
    settingsVersion: d.settingsVersion,
    effectiveFrom: d.effectiveFrom,
    minimumRestHours: d.minimumRestHours,
    maximumHoursPerSevenDays: d.maximumHoursPerSevenDays,
    dischargeWithUnbilledCharges: d.dischargeWithUnbilledCharges,
    labTurnaroundMinutes: {
      stat: d.labTurnaroundStatMinutes,
      asap: d.labTurnaroundAsapMinutes,
      urgent: d.labTurnaroundUrgentMinutes,
      routine: d.labTurnaroundRoutineMinutes,
    },
    stockExpiryWarningDays: d.stockExpiryWarningDays,
    licenceExpiryWarningDays: d.licenceExpiryWarningDays,
  };
  await ctx.write(HOSPITALS, d.hospitalId, { $set: { settings } });
};

const suspended: Handler<'HospitalSuspended'> = async (event, ctx) => {
  await ctx.write(HOSPITALS, event.data.hospitalId, { $set: { status: 'suspended' } });
};

const reactivated: Handler<'HospitalReactivated'> = async (event, ctx) => {
  await ctx.write(HOSPITALS, event.data.hospitalId, { $set: { status: 'active' } });
};

/** The hospitals module's projection: one document per hospital. */
export const hospitalsProjection = defineProjection({
  module: 'hospitals',
  views: hospitalsViews,
  handlers: {
    HospitalRegistered: registered,
    HospitalSettingsChanged: settingsChanged,
    HospitalSuspended: suspended,
    HospitalReactivated: reactivated,
    HospitalPlaced: ignore('where the relay sends the hospital’s events; shown by scripts/hospital-placement.ts'),
    HospitalMoveStarted: ignore('the relay’s concern (moving a hospital between partitions); no view shows it'),
    HospitalMoveCompleted: ignore('the relay’s concern (moving a hospital between partitions); no view shows it'),
  },
});
