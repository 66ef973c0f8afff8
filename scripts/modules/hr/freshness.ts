import type { FreshnessRead } from '../../bench/freshness-read.js';

/** An HR command shows in the staff directory (onboarding, separation, links, grants, balances, shifts touch it). */
export const hrFreshnessRead: FreshnessRead = (step) => `/hospitals/${step.hospitalId}/hr/staff`;
