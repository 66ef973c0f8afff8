import { admissionRoutes } from '../admissions/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { patientRoutes } from '../patients/routes.js';
import type { ReadRoute } from './route.js';

/** Every read route, in mounting order (`/patients/search` before `/patients/:patientId`). */
export const readRoutes: readonly ReadRoute[] = [...patientRoutes, ...admissionRoutes, ...auditRoutes];
