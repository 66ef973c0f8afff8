import type { RequestHandler } from 'express';
import { principalOf } from './auth.js';
import { forbidden, HttpProblem } from './problem.js';

/** A token for hospital A never reaches hospital B: the path's hospital must be in the token. */
export function requireHospitalAccess(param = 'hospitalId'): RequestHandler {
  return (req, res, next) => {
    const hospitalId = req.params[param];
    if (typeof hospitalId !== 'string' || !principalOf(res).hospitals.includes(hospitalId)) {
      throw forbidden(
        'hospital-not-allowed',
        'The token does not grant access to this hospital; ask for a token that lists it in its hospitals claim.',
      );
    }
    next();
  };
}

/**
 * A token's permissions are the union of its roles': the first of its roles that may do this acts
 * (it becomes `principal.role`, and so the event's actor role). A 403 names the roles that may.
 */
export function requireRole(roles: readonly string[]): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    const acting = principal.roles.find((role) => roles.includes(role));
    // A role the token carries but HR revoked (narrowToGrants): say so, rather than "not allowed".
    const revoked = ((res.locals['rolesNotGranted'] as string[] | undefined) ?? []).filter((r) => roles.includes(r));
    if (acting === undefined && revoked.length > 0) {
      throw new HttpProblem(
        403,
        'role-revoked',
        'Forbidden',
        `HR has not granted (or has revoked) ${revoked.join(', ')} for you in this hospital, whatever the token says; an administrator grants roles (grant-access-role).`,
        { revokedRoles: revoked },
      );
    }
    if (acting === undefined) {
      throw new HttpProblem(
        403,
        'role-not-allowed',
        'Forbidden',
        `Your roles (${principal.roles.join(', ')}) may not do this; it needs one of: ${roles.join(', ')}.`,
        { allowedRoles: [...roles] },
      );
    }
    if (acting !== principal.role) res.locals['principal'] = { ...principal, role: acting };
    next();
  };
}
