import type { FreshnessRead } from '../../bench/freshness-read.js';

/** An opened record shows in the hospital's list of records. */
export const laboratoryFreshnessRead: FreshnessRead = (step) => `/hospitals/${step.hospitalId}/laboratory/records`;
