import { type ReadModuleName, readModuleNames } from '@chartline/events';
import { admissionRoutes } from '../admissions/index.js';
import { auditRoutes } from '../audit/index.js';
import { patientRoutes } from '../patients/index.js';
import type { ReadRoute } from './route.js';

/** Each module's read routes, keyed by the manifest: a missing or misspelt entry does not compile. */
export const moduleReadRoutes: Readonly<Record<ReadModuleName, readonly ReadRoute[]>> = {
  patients: patientRoutes,
  admissions: admissionRoutes,
  audit: auditRoutes,
};

/**
 * Every read route, in mounting order: modules in manifest order, each module's routes in its own
 * order (`/patients/search` before `/patients/:patientId`).
 */
export const readRoutes: readonly ReadRoute[] = readModuleNames.flatMap((m) => moduleReadRoutes[m]);
