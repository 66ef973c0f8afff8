import { configProblem } from './config-check.js';

/** The token verifier's options from the JWT_* variables: exactly one of a JWKS URL or a public key. */
export function jwtOptions(env: {
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_JWKS_URL?: string | undefined;
  JWT_PUBLIC_KEY?: string | undefined;
}): { issuer: string; audience: string; jwksUrl?: string; publicKey?: string } {
  const base = { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
  if (env.JWT_JWKS_URL && env.JWT_PUBLIC_KEY)
    configProblem('JWT_PUBLIC_KEY', 'set JWT_JWKS_URL or JWT_PUBLIC_KEY, not both');
  if (env.JWT_JWKS_URL) return { ...base, jwksUrl: env.JWT_JWKS_URL };
  if (!env.JWT_PUBLIC_KEY) configProblem('JWT_PUBLIC_KEY', 'set JWT_JWKS_URL or JWT_PUBLIC_KEY');
  if (!env.JWT_PUBLIC_KEY.includes('BEGIN PUBLIC KEY'))
    configProblem('JWT_PUBLIC_KEY', 'must be a PEM (SPKI) public key');
  return { ...base, publicKey: env.JWT_PUBLIC_KEY };
}
