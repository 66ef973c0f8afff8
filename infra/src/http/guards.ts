import type { RequestHandler } from 'express';
import { principalOf } from './auth.js';
import { forbidden } from './problem.js';

/** A token for hospital A never reaches hospital B: the path's hospital must be in the token. */
export function requireHospitalAccess(param = 'hospitalId'): RequestHandler {
  return (req, res, next) => {
    const hospitalId = req.params[param];
    if (typeof hospitalId !== 'string' || !principalOf(res).hospitals.includes(hospitalId)) {
      throw forbidden('hospital-not-allowed', 'The token does not grant access to this hospital.');
    }
    next();
  };
}

export function requireRole(roles: readonly string[]): RequestHandler {
  return (_req, res, next) => {
    if (!roles.includes(principalOf(res).role)) {
      throw forbidden('role-not-allowed', 'The token’s role may not do this.');
    }
    next();
  };
}
