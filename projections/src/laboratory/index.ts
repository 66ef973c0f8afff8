/** The laboratory module's public entry on the projection side. */
export { laboratoryProjection } from './projection.js';
export { LAB_CATALOGUE, LAB_ORDER_TESTS, LAB_ORDERS, laboratoryViews } from './views.js';
