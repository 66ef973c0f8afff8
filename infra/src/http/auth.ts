import { createPublicKey, type KeyObject } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { createRemoteJWKSet, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { DependencyUnavailable } from './dependency.js';
import { unauthorized } from './problem.js';

/** Who is calling, from a verified bearer token. */
export interface Principal {
  /** The token's `sub`: the user id that becomes the event's actor. */
  readonly id: string;
  readonly role: string;
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
  /** Roles a token may carry; any other role is refused (401). */
  readonly roles: readonly string[];
  /** Clock tolerance in seconds. Default 5. */
  readonly clockToleranceSeconds?: number;
}

export interface TokenVerifier {
  /** Throws HttpProblem 401 for any bad token, DependencyUnavailable when the JWKS cannot be fetched. */
  verify(token: string): Promise<Principal>;
}

const DEFAULT_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

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
  const claims = z.object({
    sub: z.string().min(1),
    role: z.enum(options.roles as [string, ...string[]]),
    hospitals: z.array(z.string().min(1)),
  });

  return {
    async verify(token) {
      let payload: unknown;
      try {
        const verifyOptions = {
          issuer: options.issuer,
          audience: options.audience,
          algorithms,
          clockTolerance: options.clockToleranceSeconds ?? 5,
          requiredClaims: ['exp', 'sub'],
        };
        // Two calls so TypeScript picks the right overload for a key or a key getter.
        payload =
          typeof key === 'function'
            ? (await jwtVerify(token, key, verifyOptions)).payload
            : (await jwtVerify(token, key, verifyOptions)).payload;
      } catch (error) {
        throw mapJoseError(error);
      }
      const parsed = claims.safeParse(payload);
      if (!parsed.success) throw unauthorized('The token lacks a valid sub, role or hospitals claim.');
      return { id: parsed.data.sub, role: parsed.data.role, hospitals: parsed.data.hospitals };
    },
  };
}

function mapJoseError(error: unknown): Error {
  if (error instanceof joseErrors.JWTExpired) return unauthorized('The token has expired.');
  if (error instanceof joseErrors.JWKSTimeout) return new DependencyUnavailable('token keys (JWKS)', { cause: error });
  if (error instanceof joseErrors.JOSEError) return unauthorized('The token is not valid.');
  // fetch failures of the JWKS endpoint surface as plain errors
  return new DependencyUnavailable('token keys (JWKS)', { cause: error });
}

/** Verifies `Authorization: Bearer …` and puts the principal in `res.locals.principal`. */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header.trim());
    if (!match?.[1]) throw unauthorized('Send a bearer token.');
    res.locals['principal'] = await verifier.verify(match[1]);
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals['principal'] as Principal | undefined;
  if (!principal) throw unauthorized('Send a bearer token.');
  return principal;
}
