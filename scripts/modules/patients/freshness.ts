import type { FreshnessRead } from '../../bench/freshness-read.js';

/** A patients command shows in the patient's summary (the new patient's, for a registration). */
export const patientsFreshnessRead: FreshnessRead = (step, answer) => {
  const patientId =
    step.command === 'register-patient'
      ? answer.id
      : typeof answer.body['patientId'] === 'string'
        ? answer.body['patientId']
        : null;
  return patientId ? `/hospitals/${step.hospitalId}/patients/${patientId}` : null;
};
