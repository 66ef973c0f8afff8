/**
 * Roles a bearer token can carry. The command side names, per command, the roles allowed to send
 * it; the read side, per route, the roles allowed to read it; both verify tokens against this list.
 */
export const ROLES = [
  'front_desk',
  'nurse',
  'physician',
  'lab_technician',
  'pathologist',
  /** Verifies and releases results, amends and corrects them, and keeps the test catalogue. */
  'lab_supervisor',
  'storekeeper',
  /** Dispenses medicines: issues stock, receives and transfers it in the pharmacy. */
  'pharmacist',
  'billing_clerk',
  /** Takes payments and deposits in a cashier shift, pays out approved refunds. */
  'cashier',
  /** Sets prices, registers payers, approves refunds, discounts and write-offs requested by others. */
  'billing_supervisor',
  'hr_admin',
  /** Rosters a ward's staff, approves their shift swaps and leave (the HR module). */
  'ward_manager',
  'auditor',
  'admin',
  /** Runs the platform: registers, configures, suspends and reactivates hospitals. */
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (name: string): name is Role => (ROLES as readonly string[]).includes(name);

/**
 * Roles that may see a patient's personal data (name, MRN, birth date…) wherever a read shows it:
 * the people at the bedside and the front desk. Others who may read a view (an admin on the bed
 * board) see ids only. Every answer that shows personal data is recorded as an access.
 */
export const PERSONAL_DATA_READERS = ['front_desk', 'nurse', 'physician'] as const satisfies readonly Role[];
export const mayReadPersonalData = (role: string): boolean =>
  (PERSONAL_DATA_READERS as readonly string[]).includes(role);
