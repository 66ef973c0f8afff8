import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { DependencyUnavailable } from './dependency.js';
import { HttpProblem } from './problem.js';

/** Who is calling, from a verified bearer token. */
export interface Principal {
  /** The token's `sub`: the user id that becomes the event's actor. */
  readonly id: string;
  /**
   * The role acting: after `requireRole`, the first of the token's roles that may do what is
   * asked (it becomes the event's actor role); before, the first role the token carries.
   */
  readonly role: string;
  /** Every role of the token this system knows, in the token's order. Permissions are their union. */
  readonly roles: readonly string[];
  /** Hospital ids the caller may act for. */
  readonly hospitals: readonly string[];
}

export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Asymmetric algorithms only; `none` and HMAC are never accepted. Default: RS256, ES256, EdDSA. */
  readonly algorithms?: readonly string[];
  /** Where the issuer publishes its keys (rotations are picked up). */
  readonly jwksUrl?: string;
  /** Or one configured public key: PEM (SPKI) text, or a KeyObject (dev tokens, tests). */
  readonly publicKey?: string | KeyObject;
  /** Roles this system knows; roles of a token outside this list are ignored, and a token with none is refused. */
  readonly roles: readonly string[];
  /** Clock tolerance in seconds. Default 5. */
  readonly clockToleranceSeconds?: number;
  /**
   * Claim holding the roles: a string or an array of strings; a dotted path reaches into an object
   * (`realm_access.roles` for Keycloak). Default `roles`; when it is absent, a single `role` string
   * is read.
   */
  readonly rolesClaim?: string;
  /** Claim holding the hospital ids (array of strings, or one string). Default `hospitals`. */
  readonly hospitalsClaim?: string;
  /** Longest lifetime accepted (exp − iat, or exp − now without iat). Default 12 h. */
  readonly maxLifetimeSeconds?: number;
  /**
   * Verified tokens are remembered (by their SHA-256, never the token) until they expire, at most
   * this long, so a token whose key is withdrawn from the JWKS stops working within it. Default 300; 0 = off.
   */
  readonly cacheSeconds?: number;
  /** Tokens remembered at once (least recently used go first). Default 10,000. */
  readonly cacheEntries?: number;
  /** For tests: the current time. */
  readonly now?: () => Date;
}

export interface TokenVerifier {
  /** Throws HttpProblem 401 for any bad token, DependencyUnavailable when the JWKS cannot be fetched. */
  verify(token: string): Promise<Principal>;
}

const DEFAULT_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
const GET_A_NEW_TOKEN =
  'Get a new token from your identity provider (the embedded start prints fresh ones each time it starts).';

/** A 401 that says why (a stable `reason`) and what to do. */
export const tokenRefused = (reason: string, detail: string) =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, { reason }, { 'WWW-Authenticate': 'Bearer' });

/** The value at a dotted path of the payload (`realm_access.roles`), or a top-level claim of that exact name. */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const strings = (value: unknown): string[] | undefined => {
  if (typeof value === 'string') return value.length > 0 ? [value] : [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.filter((v) => v.length > 0);
  return undefined;
};

const hours = (seconds: number) => `${Math.round((seconds / 3600) * 10) / 10} h`;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const algorithms = [...(options.algorithms ?? DEFAULT_ALGORITHMS)];
  const unsafe = algorithms.filter((alg) => alg === 'none' || alg.startsWith('HS'));
  if (unsafe.length > 0) throw new Error(`token verifier: algorithms ${unsafe.join(', ')} are not allowed`);
  if (!options.jwksUrl === !options.publicKey) throw new Error('token verifier: set exactly one of jwksUrl, publicKey');

  const key: KeyObject | JWTVerifyGetKey = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl))
    : typeof options.publicKey === 'string'
      ? createPublicKey(options.publicKey)
      : (options.publicKey as KeyObject);
  const now = options.now ?? (() => new Date());
  const tolerance = options.clockToleranceSeconds ?? 5;
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const rolesClaim = options.rolesClaim ?? 'roles';
  const hospitalsClaim = options.hospitalsClaim ?? 'hospitals';
  const known = new Set(options.roles);
  const cacheMs = (options.cacheSeconds ?? 300) * 1000;
  // Keyed by the token's hash: a heap dump or a debugger shows no usable token.
  const cache =
    cacheMs > 0
      ? new LRUCache<string, { principal: Principal; expiresAtMs: number }>({ max: options.cacheEntries ?? 10_000 })
      : undefined;

  const principalFrom = (payload: JWTPayload): Principal => {
    const raw = claimAt(payload, rolesClaim) ?? (rolesClaim === 'roles' ? payload['role'] : undefined);
    const declared = raw === undefined ? [] : strings(raw);
    if (declared === undefined) {
      throw tokenRefused('roles-malformed', `The token's ${rolesClaim} claim must be a string or an array of strings.`);
    }
    const roles = [...new Set(declared.filter((role) => known.has(role)))];
    const [first] = roles;
    if (first === undefined) {
      throw tokenRefused(
        'no-known-role',
        `The token carries none of this system's roles in its ${rolesClaim} claim; ask for a token with one of: ${[...known].join(', ')}.`,
      );
    }
    const hospitals = strings(claimAt(payload, hospitalsClaim));
    if (hospitals === undefined) {
      throw tokenRefused(
        'hospitals-missing',
        `The token lacks a ${hospitalsClaim} claim (an array of hospital ids); ask for a token that names your hospitals.`,
      );
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw tokenRefused('subject-missing', 'The token lacks a sub claim (the user id); ask for a token with one.');
    }
    return { id: payload.sub, role: first, roles, hospitals };
  };

  const verifyFully = async (token: string): Promise<{ principal: Principal; exp: number }> => {
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'sub'],
        currentDate: now(),
      };
      // Two calls so TypeScript picks the right overload for a key or a key getter.
      payload =
        typeof key === 'function'
          ? (await jwtVerify(token, key, verifyOptions)).payload
          : (await jwtVerify(token, key, verifyOptions)).payload;
    } catch (error) {
      throw mapJoseError(error, options);
    }
    const exp = payload.exp as number;
    const lifetime = exp - (typeof payload.iat === 'number' ? payload.iat : now().getTime() / 1000);
    if (lifetime > maxLifetime + tolerance) {
      throw tokenRefused(
        'lifetime-too-long',
        `The token is valid for ${hours(lifetime)}; this system accepts tokens valid for at most ${hours(maxLifetime)} (JWT_MAX_LIFETIME_SECONDS). Ask your identity provider for shorter-lived tokens.`,
      );
    }
    return { principal: principalFrom(payload), exp };
  };

  return {
    async verify(token) {
      if (!cache) return (await verifyFully(token)).principal;
      const id = createHash('sha256').update(token).digest('base64url');
      const nowMs = now().getTime();
      const hit = cache.get(id);
      if (hit && nowMs < hit.expiresAtMs) return hit.principal;
      if (hit) cache.delete(id);
      const { principal, exp } = await verifyFully(token);
      // Never past the token's own exp (no tolerance added), and never longer than cacheSeconds.
      cache.set(id, { principal, expiresAtMs: Math.min(exp * 1000, nowMs + cacheMs) });
      return principal;
    },
  };
}

function mapJoseError(error: unknown, options: TokenVerifierOptions): Error {
  if (error instanceof joseErrors.JWTExpired) {
    const exp = typeof error.payload['exp'] === 'number' ? new Date(error.payload['exp'] * 1000).toISOString() : '';
    return tokenRefused('expired', `The token expired${exp ? ` at ${exp}` : ''}. ${GET_A_NEW_TOKEN}`);
  }
  if (error instanceof joseErrors.JWKSTimeout) return new DependencyUnavailable('token keys (JWKS)', { cause: error });
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return tokenRefused(
      'bad-signature',
      `The token's signature does not match the keys this system trusts: it was signed by another issuer, or by a previous start of the embedded system. ${GET_A_NEW_TOKEN}`,
    );
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return tokenRefused(
      'unknown-key',
      `The token's key id (kid) is not among the identity provider's published keys. ${GET_A_NEW_TOKEN}`,
    );
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return tokenRefused(
      'algorithm-not-allowed',
      `The token's signing algorithm is not accepted; accepted: ${(options.algorithms ?? DEFAULT_ALGORITHMS).join(', ')}.`,
    );
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return tokenRefused(
          'wrong-issuer',
          `The token was issued by someone this system does not trust; it accepts tokens from ${options.issuer} only.`,
        );
      case 'aud':
        return tokenRefused(
          'wrong-audience',
          `The token is meant for another audience; ask for a token for ${options.audience}.`,
        );
      case 'nbf':
        return tokenRefused('not-yet-valid', 'The token is not valid yet (nbf); check the clocks, or wait.');
      default:
        if (error.reason === 'missing') {
          return tokenRefused(`${error.claim}-missing`, `The token lacks the ${error.claim} claim; ${GET_A_NEW_TOKEN}`);
        }
        return tokenRefused('claim-invalid', `The token's ${error.claim} claim is not valid. ${GET_A_NEW_TOKEN}`);
    }
  }
  if (error instanceof joseErrors.JOSEError) {
    return tokenRefused(
      'malformed',
      'The bearer value is not a signed JWT (JWS compact form); send the token as issued.',
    );
  }
  // fetch failures of the JWKS endpoint surface as plain errors
  return new DependencyUnavailable('token keys (JWKS)', { cause: error });
}

/** Verifies `Authorization: Bearer …` and puts the principal in `res.locals.principal`. */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header.trim());
    if (!match?.[1]) {
      throw tokenRefused('token-missing', 'Send a bearer token: Authorization: Bearer <token>.');
    }
    res.locals['principal'] = await verifier.verify(match[1]);
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals['principal'] as Principal | undefined;
  if (!principal) throw tokenRefused('token-missing', 'Send a bearer token: Authorization: Bearer <token>.');
  return principal;
}
