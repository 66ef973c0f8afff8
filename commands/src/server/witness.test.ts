import { createPublicKey } from 'node:crypto';
import {
  type AccessGrantsSource,
  createTokenVerifier,
  DependencyUnavailable,
  type GrantedRoles,
  problemHandler,
  type TokenVerifier,
} from '@chartline/infra';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { ROLES } from '../shared/command-spec.js';
import { AUDIENCE, ISSUER, tokenSigner } from './testing/harness.js';
import { authenticateWitness, witnessOf } from './witness.js';

/**
 * The witness check on its own, for what the inventory HTTP scenarios do not reach: HR's grants
 * narrowing the witness's roles (a revoked role cannot witness), and a JWKS outage while verifying
 * the witness token (503, not a refusal of the witness).
 */
describe('witness token: HR grants and an unreachable identity provider', () => {
  const grantsOf = (byHospital: Record<string, GrantedRoles>): AccessGrantsSource => ({
    granted: async (hospitalId) => byHospital[hospitalId] ?? { governed: false, roles: [] },
  });
  const appWith = (verifier: TokenVerifier, grants: AccessGrantsSource) => {
    const app = express();
    app.post(
      '/hospitals/:hospitalId/witnessed',
      authenticateWitness(verifier, grants, { roles: ['pharmacist'] }),
      (_req, res) => {
        res.json({ witness: witnessOf(res) ?? null });
      },
    );
    app.use(problemHandler());
    return app;
  };
  let signer: Awaited<ReturnType<typeof tokenSigner>>;
  let verifier: TokenVerifier;
  before(async () => {
    signer = await tokenSigner();
    verifier = createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      publicKey: createPublicKey({ key: signer.jwk, format: 'jwk' }),
      roles: ROLES,
    });
  });
  const send = async (app: express.Express, roles: string[]) =>
    request(app)
      .post('/hospitals/h1/witnessed')
      .set('X-Witness-Authorization', `Bearer ${await signer.sign({ roles, sub: 'pharm-2', hospitals: ['h1'] })}`);

  it('an ungoverned witness acts in the token’s first role allowed to witness', async () => {
    const res = await send(appWith(verifier, grantsOf({})), ['nurse', 'pharmacist']);
    expect(res.status).to.equal(200);
    expect(res.body.witness).to.deep.equal({ id: 'pharm-2', role: 'pharmacist' });
  });

  it('HR’s grants narrow the witness too: a pharmacist role revoked here cannot witness (403 naming the rule)', async () => {
    const revoked = appWith(verifier, grantsOf({ h1: { governed: true, roles: ['nurse'] } }));
    const res = await send(revoked, ['nurse', 'pharmacist']);
    expect(res.status).to.equal(403);
    expect(res.body).to.include({ type: '/problems/witness-role-not-allowed', rule: 'witness-role-not-allowed' });
    expect(res.body.detail).to.include('as granted by HR here');
    const granted = appWith(verifier, grantsOf({ h1: { governed: true, roles: ['pharmacist'] } }));
    expect((await send(granted, ['nurse', 'pharmacist'])).body.witness).to.deep.equal({
      id: 'pharm-2',
      role: 'pharmacist',
    });
  });

  it('no header: no witness, and the request goes on (the decider says whether one was needed)', async () => {
    const res = await request(appWith(verifier, grantsOf({}))).post('/hospitals/h1/witnessed');
    expect(res.status).to.equal(200);
    expect(res.body.witness).to.equal(null);
  });

  it('a JWKS outage while verifying the witness is a 503, not a refusal of the witness', async () => {
    const down: TokenVerifier = {
      verify: async () => {
        throw new DependencyUnavailable('token keys (JWKS)');
      },
    };
    const res = await send(appWith(down, grantsOf({})), ['pharmacist']);
    expect(res.status).to.equal(503);
  });
});
