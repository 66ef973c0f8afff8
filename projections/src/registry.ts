import { isProjectedModuleName, projectedModuleNames } from '@chartline/events';
import { projections } from './projections.generated.js';
import type { Projection } from './runtime/projection.js';

/**
 * Every module's projection, keyed by the manifest's modules with read models: generated from it
 * (`npm run generate`) out of each module's `<module>Projection`, which must exist to compile.
 */
export { projections };

export function projectionFor(module: string): Projection {
  if (!isProjectedModuleName(module)) {
    throw new Error(`no projection for module ${JSON.stringify(module)}; one of ${projectedModuleNames.join(', ')}`);
  }
  return projections[module];
}
