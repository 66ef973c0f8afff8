import { configProblem } from './config-check.js';

/** The token verifier's options from the JWT_* variables: exactly one of a JWKS URL or a public key. */
export function jwtOptions(env: {
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_JWKS_URL?: string | undefined;
  JWT_PUBLIC_KEY?: string | undefined;
  JWT_ROLES_CLAIM?: string | undefined;
  JWT_HOSPITALS_CLAIM?: string | undefined;
  JWT_MAX_LIFETIME_SECONDS?: number | undefined;
}): {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  publicKey?: string;
  rolesClaim?: string;
  hospitalsClaim?: string;
  maxLifetimeSeconds?: number;
} {
  const base = {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    ...(env.JWT_ROLES_CLAIM ? { rolesClaim: env.JWT_ROLES_CLAIM } : {}),
    ...(env.JWT_HOSPITALS_CLAIM ? { hospitalsClaim: env.JWT_HOSPITALS_CLAIM } : {}),
    ...(env.JWT_MAX_LIFETIME_SECONDS ? { maxLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS } : {}),
  };
  if (env.JWT_JWKS_URL && env.JWT_PUBLIC_KEY)
    configProblem('JWT_PUBLIC_KEY', 'set JWT_JWKS_URL or JWT_PUBLIC_KEY, not both');
  if (env.JWT_JWKS_URL) return { ...base, jwksUrl: env.JWT_JWKS_URL };
  if (!env.JWT_PUBLIC_KEY) configProblem('JWT_PUBLIC_KEY', 'set JWT_JWKS_URL or JWT_PUBLIC_KEY');
  if (!env.JWT_PUBLIC_KEY.includes('BEGIN PUBLIC KEY'))
    configProblem('JWT_PUBLIC_KEY', 'must be a PEM (SPKI) public key');
  return { ...base, publicKey: env.JWT_PUBLIC_KEY };
}
