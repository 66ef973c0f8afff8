/** The billing module's public entry on the projection side. */
export { billingProjection } from './projection.js';
export {
  BILLING_ACCOUNTS,
  BILLING_CHARGES,
  BILLING_CLAIMS,
  BILLING_INVOICES,
  BILLING_PAYMENTS,
  BILLING_SHIFTS,
  billingViews,
} from './views.js';
