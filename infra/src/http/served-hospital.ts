import type { RequestHandler } from 'express';
import { principalOf } from './auth.js';
import { forbidden } from './problem.js';

/** Where a hospital stands on the platform, as its own stream says. */
export type HospitalStatus = 'unregistered' | 'active' | 'suspended';

/** Answers a hospital's status; implementations cache it (both APIs ask on every request). */
export interface HospitalStatusSource {
  status(hospitalId: string): Promise<HospitalStatus>;
}

export interface ServedHospitalOptions {
  /** Path parameter naming the hospital. Default `hospitalId`. */
  readonly param?: string;
  /**
   * Roles that pass whatever the status (platform administrators on the hospitals module's own
   * routes: they register an unregistered hospital and reactivate a suspended one).
   */
  readonly exemptRoles?: readonly string[];
}

/**
 * A token is for a hospital the platform serves: registered and not suspended. Runs after
 * authentication and the hospital-access check, so only a caller already allowed that hospital
 * learns its status. 403 with a problem type naming the rule and what to do.
 */
export function requireServedHospital(
  source: HospitalStatusSource,
  options: ServedHospitalOptions = {},
): RequestHandler {
  const param = options.param ?? 'hospitalId';
  const exempt = options.exemptRoles ?? [];
  return async (req, res, next) => {
    if (exempt.length > 0 && principalOf(res).roles.some((role) => exempt.includes(role))) return next();
    const status = await source.status(String(req.params[param]));
    if (status === 'unregistered') {
      throw forbidden(
        'hospital-not-registered',
        'This hospital is not registered on the platform, so its tokens are refused; a platform administrator registers it first (register-hospital).',
      );
    }
    if (status === 'suspended') {
      throw forbidden(
        'hospital-suspended',
        'This hospital is suspended: nothing can be read or changed for it until a platform administrator reactivates it (reactivate-hospital).',
      );
    }
    next();
  };
}
