import { admissionsStreams } from '../admissions/index.js';
import type { StreamRoute } from './stream-route.js';

/** Every live stream of the read API (server-sent events), mounted after the read routes. */
export const streamRoutes: readonly StreamRoute[] = [...admissionsStreams];
