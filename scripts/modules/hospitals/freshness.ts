import type { FreshnessRead } from '../../bench/freshness-read.js';

/** A registered hospital shows in its profile. */
export const hospitalsFreshnessRead: FreshnessRead = (step) => `/hospitals/${step.hospitalId}/profile`;
