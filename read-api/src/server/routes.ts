import { readModuleNames } from '@chartline/events';
import { moduleReadRoutes } from './read-routes.generated.js';
import type { ReadRoute } from './route.js';

/**
 * Each module's read routes, keyed by the manifest: generated from it (`npm run generate`) out of
 * each module's `<module>Routes`, which must exist to compile.
 */
export { moduleReadRoutes };

/**
 * Every read route, in mounting order: modules in manifest order, each module's routes in its own
 * order (`/patients/search` before `/patients/:patientId`).
 */
export const readRoutes: readonly ReadRoute[] = readModuleNames.flatMap((m) => moduleReadRoutes[m]);
