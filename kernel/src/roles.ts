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
  'storekeeper',
  'billing_clerk',
  'hr_admin',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (name: string): name is Role => (ROLES as readonly string[]).includes(name);
