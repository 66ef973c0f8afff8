import type { FreshnessRead } from '../../bench/freshness-read.js';

/**
 * A billing command on an account shows in its statement (the account's id is in the body, or is
 * the new id the command answered with); other billing commands show in the invoice list.
 */
export const billingFreshnessRead: FreshnessRead = (step, answer) => {
  const accountId = answer.body['accountId'];
  if (typeof accountId === 'string') return `/hospitals/${step.hospitalId}/billing/accounts/${accountId}/statement`;
  if (step.command === 'open-outpatient-account' && answer.id) {
    return `/hospitals/${step.hospitalId}/billing/accounts/${answer.id}/statement`;
  }
  return `/hospitals/${step.hospitalId}/billing/invoices`;
};
