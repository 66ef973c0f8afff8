import { defineProcessManager, type ProcessCommand, send } from '../../process-manager/define.js';
import { type LabPatientState, labPatientAggregate } from '../patient-data.js';
import { eraseLabPatientData } from '../specs.js';

/**
 * A patient's erasure reaches the laboratory's read models: the lab's projector reads only the
 * laboratory's topic, so the erasure (patients.PatientPersonalDataErased) becomes a lab event of
 * its own (`LabPatientDataErased`), which travels in order with the lab events that put the
 * patient's free text in the views, and on which the lab projection drops it. Nothing to do when
 * the lab already recorded the erasure, which is also what makes a redelivered erasure a no-op.
 */
export const eraseOnPatientErasure = defineProcessManager({
  module: 'laboratory',
  name: 'erase-on-patient-erasure',
  consumes: ['patients.PatientPersonalDataErased'],
  async load(event, read): Promise<LabPatientState> {
    return (await read({ aggregate: labPatientAggregate, id: event.data.patientId })).state;
  },
  react(event, labPatient): ProcessCommand[] {
    if (labPatient.erased) return [];
    const patientId = event.data.patientId;
    return [send(eraseLabPatientData, `erase:${patientId}`, { patientId })];
  },
});
