import { type Operation, operationRoles } from '../api/roles.generated.js';

/**
 * Whether a role may use an operation, from the APIs' own `x-roles` (console/src/api/roles.generated.ts):
 * the console offers a person only the screens and forms their role may use. The APIs still decide
 * (a 403 is shown as such); this only keeps buttons that would be refused off the screen.
 */
export const may = (role: string, operation: Operation): boolean =>
  (operationRoles[operation] as readonly string[]).includes(role);
