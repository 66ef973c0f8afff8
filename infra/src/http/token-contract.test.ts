import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { type JWTPayload, SignJWT } from 'jose';
import { createTokenVerifier, type TokenVerifierOptions } from './auth.js';
import { HttpProblem } from './problem.js';

const ROLES = ['nurse', 'admin', 'registrar'];
const ISSUER = 'https://idp.example';
const AUDIENCE = 'chartline';
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const T0 = Date.parse('2026-01-01T08:00:00Z');
const seconds = (ms: number) => Math.floor(ms / 1000);

interface Mint {
  readonly claims?: JWTPayload;
  readonly iat?: number | null;
  readonly exp?: number;
  readonly issuer?: string;
  readonly audience?: string;
  readonly key?: typeof privateKey;
}

const mint = ({ claims = { role: 'nurse', hospitals: ['h1'] }, iat, exp, issuer, audience, key }: Mint = {}) => {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('u1')
    .setIssuer(issuer ?? ISSUER)
    .setAudience(audience ?? AUDIENCE)
    .setExpirationTime(exp ?? seconds(T0) + 600);
  if (iat !== null) jwt.setIssuedAt(iat ?? seconds(T0));
  return jwt.sign(key ?? privateKey);
};

function verifierAt(clock: { ms: number }, options: Partial<TokenVerifierOptions> = {}) {
  return createTokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    publicKey,
    roles: ROLES,
    now: () => new Date(clock.ms),
    ...options,
  });
}

async function refusal(work: Promise<unknown>): Promise<{ reason: string; detail: string }> {
  try {
    await work;
  } catch (error) {
    expect(error).to.be.instanceOf(HttpProblem);
    const problem = error as HttpProblem;
    expect(problem.status).to.equal(401);
    return { reason: String(problem.extensions['reason']), detail: String(problem.detail) };
  }
  throw new Error('expected a 401');
}

describe('token contract: lifetime', () => {
  it('refuses a token valid for longer than the maximum (exp − iat), saying so', async () => {
    const clock = { ms: T0 };
    const token = await mint({ exp: seconds(T0) + 13 * 3600 });
    const { reason, detail } = await refusal(verifierAt(clock).verify(token));
    expect(reason).to.equal('lifetime-too-long');
    expect(detail).to.include('13 h').and.include('at most 12 h');
  });

  it('without iat, measures exp − now', async () => {
    const clock = { ms: T0 };
    const { reason } = await refusal(verifierAt(clock).verify(await mint({ iat: null, exp: seconds(T0) + 24 * 3600 })));
    expect(reason).to.equal('lifetime-too-long');
    expect((await verifierAt(clock).verify(await mint({ iat: null, exp: seconds(T0) + 3600 }))).id).to.equal('u1');
  });

  it('accepts exactly the maximum, and a configured shorter maximum bites', async () => {
    const clock = { ms: T0 };
    const twelve = await mint({ exp: seconds(T0) + 12 * 3600 });
    expect((await verifierAt(clock).verify(twelve)).id).to.equal('u1');
    const { reason } = await refusal(verifierAt(clock, { maxLifetimeSeconds: 3600 }).verify(twelve));
    expect(reason).to.equal('lifetime-too-long');
  });
});

describe('token contract: a 401 says why and what to do', () => {
  const clock = { ms: T0 };
  it('expired: when, and to get a new token', async () => {
    const token = await mint({ exp: seconds(T0) - 60, iat: seconds(T0) - 600 });
    const { reason, detail } = await refusal(verifierAt(clock).verify(token));
    expect(reason).to.equal('expired');
    expect(detail).to.include('2026-01-01T07:59:00.000Z').and.include('Get a new token');
  });

  it('wrong signature: another issuer or a previous start', async () => {
    const { reason, detail } = await refusal(verifierAt(clock).verify(await mint({ key: other.privateKey })));
    expect(reason).to.equal('bad-signature');
    expect(detail).to.include('previous start').and.include('Get a new token');
  });

  it('wrong issuer and wrong audience name what is accepted', async () => {
    const iss = await refusal(verifierAt(clock).verify(await mint({ issuer: 'https://evil.example' })));
    expect(iss.reason).to.equal('wrong-issuer');
    expect(iss.detail).to.include(ISSUER);
    const aud = await refusal(verifierAt(clock).verify(await mint({ audience: 'billing' })));
    expect(aud.reason).to.equal('wrong-audience');
    expect(aud.detail).to.include(AUDIENCE);
  });

  it('not a JWT at all', async () => {
    const { reason } = await refusal(verifierAt(clock).verify('abc.def.ghi'));
    expect(reason).to.equal('malformed');
  });

  it('no known role: names the roles that exist; no hospitals claim: says which claim', async () => {
    const none = await refusal(
      verifierAt(clock).verify(await mint({ claims: { roles: ['janitor'], hospitals: ['h1'] } })),
    );
    expect(none.reason).to.equal('no-known-role');
    expect(none.detail).to.include('nurse, admin, registrar');
    const noHospitals = await refusal(verifierAt(clock).verify(await mint({ claims: { role: 'nurse' } })));
    expect(noHospitals.reason).to.equal('hospitals-missing');
    const malformed = await refusal(verifierAt(clock).verify(await mint({ claims: { roles: 7, hospitals: ['h1'] } })));
    expect(malformed.reason).to.equal('roles-malformed');
  });
});

describe('token contract: what identity providers issue', () => {
  const clock = { ms: T0 };
  it('reads a roles array, keeps the known ones in order, ignores the rest (offline_access, …)', async () => {
    const token = await mint({ claims: { roles: ['offline_access', 'registrar', 'nurse'], hospitals: ['h1', 'h2'] } });
    expect(await verifierAt(clock).verify(token)).to.deep.equal({
      id: 'u1',
      role: 'registrar',
      roles: ['registrar', 'nurse'],
      hospitals: ['h1', 'h2'],
    });
  });

  it('still reads a single role string (the dev tokens)', async () => {
    const principal = await verifierAt(clock).verify(await mint());
    expect(principal.roles).to.deep.equal(['nurse']);
  });

  it('takes configured claim names, including a dotted path (Keycloak realm_access.roles)', async () => {
    const token = await mint({
      claims: { realm_access: { roles: ['admin', 'uma_authorization'] }, 'https://chartline/hospitals': 'h9' },
    });
    const principal = await verifierAt(clock, {
      rolesClaim: 'realm_access.roles',
      hospitalsClaim: 'https://chartline/hospitals',
    }).verify(token);
    expect(principal).to.deep.include({ role: 'admin', roles: ['admin'], hospitals: ['h9'] });
    // The default claim names do not find them.
    const { reason } = await refusal(verifierAt(clock).verify(token));
    expect(reason).to.equal('no-known-role');
  });
});

describe('token verification cache', () => {
  it('verifies a token once while it lives: a second verify answers the same principal without verifying', async () => {
    const clock = { ms: T0 };
    const verifier = verifierAt(clock);
    const token = await mint();
    const first = await verifier.verify(token);
    // The same object back: it came from the cache, not from a new signature check and claim parse.
    expect(await verifier.verify(token)).to.equal(first);
  });

  it('never serves a token past its exp, even within the cache period', async () => {
    const clock = { ms: T0 };
    const verifier = verifierAt(clock, { cacheSeconds: 3600, clockToleranceSeconds: 0 });
    const token = await mint({ exp: seconds(T0) + 60 });
    expect((await verifier.verify(token)).id).to.equal('u1');
    clock.ms = T0 + 59_000;
    expect((await verifier.verify(token)).id).to.equal('u1');
    clock.ms = T0 + 60_000;
    const { reason } = await refusal(verifier.verify(token));
    expect(reason).to.equal('expired');
  });

  it('re-verifies after cacheSeconds, so a token the keys no longer accept stops working', async () => {
    const clock = { ms: T0 };
    const verifier = verifierAt(clock, { cacheSeconds: 30 });
    const token = await mint({ exp: seconds(T0) + 600 });
    const first = await verifier.verify(token);
    clock.ms = T0 + 10_000;
    expect(await verifier.verify(token), 'within 30 s: the same cached principal').to.equal(first);
    clock.ms = T0 + 31_000;
    const again = await verifier.verify(token);
    expect(again, 'after 30 s: verified again, a new object').not.to.equal(first);
    expect(again).to.deep.equal(first);
  });

  it('is bounded: the least recently used token is verified again', async () => {
    const clock = { ms: T0 };
    const verifier = verifierAt(clock, { cacheEntries: 2 });
    const [a, b, c] = await Promise.all([1, 2, 3].map((n) => mint({ exp: seconds(T0) + 600 + n })));
    const pa = await verifier.verify(a!);
    await verifier.verify(b!);
    await verifier.verify(c!);
    expect(await verifier.verify(a!)).not.to.equal(pa);
  });

  it('does not cache refusals, and cacheSeconds 0 turns it off', async () => {
    const clock = { ms: T0 };
    const off = verifierAt(clock, { cacheSeconds: 0 });
    const token = await mint();
    expect(await off.verify(token)).not.to.equal(await off.verify(token));
  });
});
