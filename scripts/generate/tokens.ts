import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { WorkloadStep } from './workload.js';

/** Mints a token per (role, hospital) with a signing key the command API trusts; cached per pair. */
export function tokenMinter(options: {
  privateKey: KeyObject | string;
  issuer: string;
  audience: string;
}): (role: WorkloadStep['role'], hospitalId: string) => Promise<string> {
  const key = typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
  const alg = key.asymmetricKeyType === 'ec' ? 'ES256' : key.asymmetricKeyType === 'ed25519' ? 'EdDSA' : 'RS256';
  const cache = new Map<string, Promise<string>>();
  return (role, hospitalId) => {
    const cacheKey = `${role}@${hospitalId}`;
    let token = cache.get(cacheKey);
    if (!token) {
      token = new SignJWT({ role, hospitals: [hospitalId] })
        .setProtectedHeader({ alg })
        .setSubject(`generator-${role.replaceAll('_', '-')}`)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(key);
      cache.set(cacheKey, token);
    }
    return token;
  };
}
