import type { FreshnessRead } from '../../bench/freshness-read.js';

/** Every admissions command (beds, stays, wards) shows in the hospital's census. */
export const admissionsFreshnessRead: FreshnessRead = (step) => `/hospitals/${step.hospitalId}/census`;
