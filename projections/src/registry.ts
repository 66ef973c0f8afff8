import { isProjectedModuleName, type ProjectedModuleName, projectedModuleNames } from '@chartline/events';
import { admissionsProjection } from './admissions/index.js';
import { patientsProjection } from './patients/index.js';
import type { Projection } from './runtime/projection.js';

/**
 * Every module's projection, keyed by the manifest's modules with read models: a missing or
 * misspelt entry does not compile. Adding a module's read models = its folder and one line here.
 */
export const projections: Readonly<Record<ProjectedModuleName, Projection>> = {
  patients: patientsProjection,
  admissions: admissionsProjection,
};

export function projectionFor(module: string): Projection {
  if (!isProjectedModuleName(module)) {
    throw new Error(`no projection for module ${JSON.stringify(module)}; one of ${projectedModuleNames.join(', ')}`);
  }
  return projections[module];
}
