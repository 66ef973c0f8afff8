/** The hospitals module's public entry on the projection side. */
export { hospitalsProjection } from './projection.js';
export { HOSPITALS, hospitalsViews } from './views.js';
