import { type PatientState, patientAggregate } from '../../patients/index.js';
import { defineProcessManager, type ProcessCommand, send } from '../../process-manager/define.js';
import { cancelAdmission, dischargePatient } from '../specs.js';
import { type StayState, stayAggregate } from '../stay.js';

interface OpenStays {
  readonly patient: PatientState;
  readonly stays: readonly { readonly stayId: string; readonly stay: StayState }[];
}

/**
 * A recorded death ends the patient's stay in the hospital: an admitted stay (in a bed or on leave)
 * is discharged with reason death and disposition `exp` (expired), which releases the bed to
 * cleaning; a stay still only planned is cancelled, releasing any bed reserved for it. The
 * patient stream says which stays are open (StayOpened/StayClosed), each stay's stream where the
 * patient lies. A stay already closed is left alone, which is also what makes a redelivered
 * death a no-op.
 */
export const dischargeOnDeath = defineProcessManager({
  module: 'admissions',
  name: 'discharge-on-death',
  consumes: ['patients.PatientDeathRecorded'],
  async load(event, read): Promise<OpenStays> {
    const patient = (await read({ aggregate: patientAggregate, id: event.data.patientId })).state;
    const stays = [];
    for (const stayId of patient.activeStayIds) {
      stays.push({ stayId, stay: (await read({ aggregate: stayAggregate, id: stayId })).state });
    }
    return { patient, stays };
  },
  react(event, { stays }): ProcessCommand[] {
    const patientId = event.data.patientId;
    return stays.flatMap(({ stayId, stay }): ProcessCommand[] => {
      if ((stay.status === 'in_progress' || stay.status === 'on_leave') && stay.bedId !== null) {
        return [
          send(dischargePatient, `discharge:${stayId}`, {
            stayId,
            patientId,
            bedId: stay.bedId,
            reason: 'death',
            disposition: 'exp',
          }),
        ];
      }
      if (stay.status === 'planned') {
        return [
          send(cancelAdmission, `cancel:${stayId}`, {
            stayId,
            patientId,
            ...(stay.reservedBedId === null ? {} : { reservedBedId: stay.reservedBedId }),
            reason: 'no_longer_needed',
          }),
        ];
      }
      return [];
    });
  },
});
