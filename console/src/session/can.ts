import type { Operation } from '../api/roles.generated.js';
import { may } from './may.js';
import { useSession } from './session.js';

/** `can('post /hospitals/{hospitalId}/laboratory/record-result')` for the role picked now. */
export function useCan(): (operation: Operation) => boolean {
  const { role } = useSession();
  return (operation) => may(role, operation);
}
