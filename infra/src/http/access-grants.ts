import type { RequestHandler } from 'express';
import { ttlLookup } from '../cache/lookup/ttl-lookup.js';
import { StreamNotFound } from '../eventstore/errors.js';
import type { EventStore } from '../eventstore/port.js';
import { principalOf } from './auth.js';
import { forbidden } from './problem.js';

/** What HR granted a token subject in a hospital (the kernel's `AccessGrants`). */
export interface GrantedRoles {
  /** False: HR never linked this subject here, so the token's roles stand as they are. */
  readonly governed: boolean;
  readonly roles: readonly string[];
}

export interface AccessGrantsSource {
  granted(hospitalId: string, subject: string): Promise<GrantedRoles>;
}

export interface EventStoreGrantsOptions {
  /** The subject's access stream in the hospital; undefined when no such stream can exist. */
  readonly streamOf: (hospitalId: string, subject: string) => string | undefined;
  readonly fold: (events: readonly { type: string; data: unknown }[]) => GrantedRoles;
  /**
   * How long one process reuses a subject's grants. A revocation appended anywhere is obeyed by
   * every replica within this time (the promise is 5 s). Default 2000 ms; at most 5000.
   */
  readonly ttlMs?: number;
  /** Subjects remembered at once. Default 10 000. */
  readonly max?: number;
}

const NONE: GrantedRoles = { governed: false, roles: [] };
export const ACCESS_GRANTS_MAX_TTL_MS = 5000;

/**
 * Grants read from the event store itself (the subject's access stream: a few events), cached
 * per process with a short TTL. Not from a projection: a projector's lag has no bound, the
 * store's answer is current, so a revocation is obeyed within the TTL whatever the consumers do.
 * A failed read is not cached and surfaces as a 503 (the store is down).
 */
export function accessGrantsFromEventStore(
  eventStore: EventStore,
  options: EventStoreGrantsOptions,
): AccessGrantsSource {
  const ttlMs = Math.min(options.ttlMs ?? 2000, ACCESS_GRANTS_MAX_TTL_MS);
  const lookup = ttlLookup<GrantedRoles>(
    async (key) => {
      const [hospitalId = '', subject = ''] = key.split('\u0000');
      const stream = options.streamOf(hospitalId, subject);
      if (stream === undefined) return NONE;
      try {
        return options.fold(await eventStore.readStream(stream));
      } catch (error) {
        if (error instanceof StreamNotFound) return NONE;
        throw error;
      }
    },
    { ttlMs, max: options.max ?? 10_000 },
  );
  return { granted: (hospitalId, subject) => lookup.get(`${hospitalId}\u0000${subject}`) };
}

/**
 * HR's access grants narrow what a token says, never widen it: for a subject HR governs in the
 * path's hospital, the token's roles are cut to those granted there; with none left, 403
 * `access-not-granted`. Roles cut away are remembered so `requireRole` can say a role was revoked.
 * Goes after the hospital check and before `requireRole`.
 */
export function narrowToGrants(source: AccessGrantsSource, param = 'hospitalId'): RequestHandler {
  return async (req, res, next) => {
    const principal = principalOf(res);
    const granted = await source.granted(String(req.params[param]), principal.id);
    if (!granted.governed) return next();
    const roles = principal.roles.filter((role) => granted.roles.includes(role));
    res.locals['rolesNotGranted'] = principal.roles.filter((role) => !granted.roles.includes(role));
    const [first] = roles;
    if (first === undefined) {
      throw forbidden(
        'access-not-granted',
        'HR grants this person none of the roles in the token for this hospital (revoked, or they have left); an administrator grants roles (grant-access-role).',
      );
    }
    res.locals['principal'] = { ...principal, roles, role: roles.includes(principal.role) ? principal.role : first };
    next();
  };
}
