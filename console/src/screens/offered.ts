import type { Operation } from '../api/roles.generated.js';
import { may } from '../session/may.js';

export type ScreenKey = 'patients' | 'beds' | 'lab' | 'stock' | 'billing' | 'hr' | 'audit';

/** A screen is offered to a role that may use at least one of these operations (none listed: everyone). */
const SCREEN_OPERATIONS: Readonly<Record<ScreenKey, readonly Operation[]>> = {
  patients: [],
  beds: [],
  audit: [],
  lab: ['get /hospitals/{hospitalId}/laboratory/worklist', 'get /hospitals/{hospitalId}/laboratory/critical-results'],
  stock: ['get /hospitals/{hospitalId}/inventory/stock'],
  billing: ['get /hospitals/{hospitalId}/billing/invoices'],
  hr: ['get /hospitals/{hospitalId}/hr/wards/{wardId}/roster', 'get /hospitals/{hospitalId}/hr/leave'],
};

export const offered = (screen: ScreenKey, role: string): boolean =>
  // An unknown screen is "offered": the app says there is no such screen.
  (SCREEN_OPERATIONS[screen]?.length ?? 0) === 0 || SCREEN_OPERATIONS[screen].some((op) => may(role, op));
