import { HOSPITALS } from '@chartline/kernel';
import type { ViewSpec } from '../runtime/projection.js';

/** The hospitals module's read model (its contract is in @chartline/kernel): one document per hospital. */
export { HOSPITALS };

export const hospitalsViews: readonly ViewSpec<typeof HOSPITALS>[] = [
  { name: HOSPITALS, aggregate: 'hospital', indexes: [{ keys: { hospitalId: 1 }, name: 'hospital' }] },
];
