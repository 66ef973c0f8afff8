import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

export interface DevTokenIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** Give this to createTokenVerifier({ publicKey }). */
  readonly publicKey: KeyObject;
  readonly algorithm: 'ES256';
  mint(claims: { sub: string; role: string; hospitals: readonly string[] }, expiresIn?: string): Promise<string>;
  /** One token per role for the given hospitals, for the dev start to print. */
  mintPerRole(roles: readonly string[], hospitals: readonly string[]): Promise<Record<string, string>>;
}

/**
 * Embedded mode has no identity provider: the process makes a key pair at start and signs demo
 * tokens with it. The private key never leaves the process; restart and old tokens stop working.
 */
export function createDevTokenIssuer(
  options: { issuer?: string; audience?: string } = {},
): DevTokenIssuer & { readonly privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuer = options.issuer ?? 'chartline-dev';
  const audience = options.audience ?? 'chartline';
  const mint: DevTokenIssuer['mint'] = (claims, expiresIn = '12h') =>
    new SignJWT({ role: claims.role, hospitals: [...claims.hospitals] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(claims.sub)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  return {
    issuer,
    audience,
    publicKey,
    privateKey,
    algorithm: 'ES256',
    mint,
    async mintPerRole(roles, hospitals) {
      const tokens: Record<string, string> = {};
      for (const role of roles)
        tokens[role] = await mint({ sub: `demo-${role.replaceAll('_', '-')}`, role, hospitals });
      return tokens;
    },
  };
}
