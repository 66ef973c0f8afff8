import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createTokenVerifier } from './auth.js';
import { DependencyUnavailable } from './dependency.js';
import { createDevTokenIssuer } from './dev-tokens.js';
import { HttpProblem } from './problem.js';

const ROLES = ['nurse', 'admin'];

describe('token verifier', () => {
  it('refuses to be configured with none or HMAC algorithms, or without exactly one key source', () => {
    const dev = createDevTokenIssuer();
    const base = { issuer: 'i', audience: 'a', roles: ROLES };
    expect(() => createTokenVerifier({ ...base, publicKey: dev.publicKey, algorithms: ['none'] })).to.throw(/none/);
    expect(() => createTokenVerifier({ ...base, publicKey: dev.publicKey, algorithms: ['HS256'] })).to.throw(/HS256/);
    expect(() => createTokenVerifier(base)).to.throw(/exactly one/);
  });

  it('verifies dev tokens minted per role', async () => {
    const dev = createDevTokenIssuer();
    const verifier = createTokenVerifier({
      issuer: dev.issuer,
      audience: dev.audience,
      publicKey: dev.publicKey,
      roles: ROLES,
    });
    const tokens = await dev.mintPerRole(ROLES, ['h1', 'h2']);
    expect(Object.keys(tokens)).to.deep.equal(ROLES);
    expect(await verifier.verify(tokens['admin']!)).to.deep.equal({
      id: 'demo-admin',
      role: 'admin',
      roles: ['admin'],
      hospitals: ['h1', 'h2'],
    });
  });

  it('accepts a PEM public key', async () => {
    const dev = createDevTokenIssuer();
    const pem = dev.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const verifier = createTokenVerifier({ issuer: dev.issuer, audience: dev.audience, publicKey: pem, roles: ROLES });
    const token = await dev.mint({ sub: 'u1', role: 'nurse', hospitals: ['h1'] });
    expect((await verifier.verify(token)).id).to.equal('u1');
  });

  describe('with keys from a JWKS URL', () => {
    let server: Server;
    let url: string;
    let sign: (kid: string) => Promise<string>;
    before(async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
      sign = (kid) =>
        new SignJWT({ role: 'nurse', hospitals: ['h1'] })
          .setProtectedHeader({ alg: 'RS256', kid })
          .setSubject('u-jwks')
          .setIssuer('idp')
          .setAudience('api')
          .setExpirationTime('1m')
          .sign(privateKey);
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('verifies a token signed by a published key', async () => {
      const verifier = createTokenVerifier({ issuer: 'idp', audience: 'api', jwksUrl: url, roles: ROLES });
      expect((await verifier.verify(await sign('k1'))).id).to.equal('u-jwks');
    });

    it('refuses a token whose key id is not published (401)', async () => {
      const verifier = createTokenVerifier({ issuer: 'idp', audience: 'api', jwksUrl: url, roles: ROLES });
      let error: unknown;
      try {
        await verifier.verify(await sign('unknown'));
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(HttpProblem);
      expect((error as HttpProblem).status).to.equal(401);
    });

    it('reports an unreachable JWKS endpoint as a dependency down (503), not a bad token', async () => {
      const verifier = createTokenVerifier({
        issuer: 'idp',
        audience: 'api',
        jwksUrl: 'http://127.0.0.1:1/jwks.json',
        roles: ROLES,
      });
      let error: unknown;
      try {
        await verifier.verify(await sign('k1'));
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(DependencyUnavailable);
    });
  });
});
