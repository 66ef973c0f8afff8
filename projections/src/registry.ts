import { admissionsProjection } from './admissions/projection.js';
import { patientsProjection } from './patients/projection.js';
import type { Projection } from './runtime/projection.js';

/** Every module's projection. Adding a module's read models = its folder and one line here. */
export const projections: { readonly [module: string]: Projection } = {
  patients: patientsProjection,
  admissions: admissionsProjection,
};

export function projectionFor(module: string): Projection {
  const projection = projections[module];
  if (!projection) throw new Error(`no projection for module ${JSON.stringify(module)}`);
  return projection;
}
