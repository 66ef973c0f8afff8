import type { FreshnessRead } from '../../bench/freshness-read.js';

/** Every inventory command shows in the hospital's stock ledger or catalogue; the ledger is the busiest view. */
export const inventoryFreshnessRead: FreshnessRead = (step) => `/hospitals/${step.hospitalId}/inventory/ledger?limit=1`;
