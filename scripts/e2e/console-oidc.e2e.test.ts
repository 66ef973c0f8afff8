import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleApp, defaultAssetsDir, ensureConsoleBuilt } from '@chartline/console/server';
import { expect } from 'chai';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider from 'oidc-provider';
import type { Browser, Page, Request } from 'playwright-core';
import { DEMO_HOSPITALS, seedDemoHospitals } from '../seed/demo-hospitals.js';
import { type EmbeddedChartline, startEmbedded } from '../start/embedded.js';
import { launchChromium, screenshot } from './browser.js';

const AUDIENCE = 'chartline';
const CLIENT_ID = 'chartline-console';
const RESOURCE = 'urn:chartline:apis';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A server whose handler is set once its port (and so its URL) is known. */
async function listening(): Promise<{ server: Server; url: string; handle(h: Handler): void }> {
  let handler: Handler = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle: (h) => {
      handler = h;
    },
  };
}

/**
 * The production sign-in, end to end in Chromium: the console's production server (OIDC mode) in
 * front of both APIs, which trust a real OpenID Connect provider (panva's `oidc-provider`) through
 * its JWKS, as production trusts the hospital's. A person opens the console, is sent to the
 * provider (authorization code with PKCE, S256), signs in, comes back, and reads the bed board with
 * the provider's access token. Nothing of the sign-in is mocked: the provider issues the token and
 * the APIs verify its signature with the keys the provider publishes.
 */
describe('console in a browser: OpenID Connect sign-in (authorization code + PKCE)', function () {
  this.timeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-oidc-'));
  let browser: Browser | undefined;
  let chartline: EmbeddedChartline | undefined;
  let page: Page;
  const errors: string[] = [];
  const servers: Server[] = [];
  let issuer = '';
  let consoleUrl = '';
  const seen: Request[] = [];

  before(async function () {
    browser = await launchChromium(this);
    const built = ensureConsoleBuilt(defaultAssetsDir);
    const idp = await listening();
    const web = await listening();
    servers.push(idp.server, web.server);
    issuer = idp.url;
    consoleUrl = web.url;

    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          // A public client (a browser app keeps no secret): PKCE is what protects its code.
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [`${consoleUrl}/`],
          post_logout_redirect_uris: [`${consoleUrl}/`],
        },
      ],
      jwks: { keys: [signingKey] },
      cookies: { keys: [randomUUID()] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      pkce: { required: () => true },
      clientBasedCORS: (_ctx, origin) => origin === consoleUrl,
      findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
      features: {
        devInteractions: { enabled: true },
        // Access tokens as JWTs for the APIs (audience `chartline`), signed with the published key.
        resourceIndicators: {
          enabled: true,
          defaultResource: () => RESOURCE,
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: 'openid profile',
            audience: AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 600,
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
      // The hospital's roles and hospitals claims, as the APIs read them (JWT_ROLES_CLAIM, JWT_HOSPITALS_CLAIM).
      extraTokenClaims: (_ctx, token) =>
        token.kind === 'AccessToken' ? { roles: ['nurse', 'front_desk'], hospitals: ['riverside'] } : undefined,
    });
    idp.handle(provider.callback());

    chartline = await startEmbedded({
      dataDir,
      commandPort: 0,
      readPort: 0,
      log: () => {},
      auth: { issuer, audience: AUDIENCE, jwksUrl: `${issuer}/jwks` },
    });
    // Setting up the demo hospitals takes a platform administrator: a token signed with the
    // provider's key (the sign-in under test below gets its token from the provider itself).
    const mint = (claims: { sub: string; role: string; hospitals: readonly string[] }) =>
      new SignJWT({ roles: [claims.role], hospitals: [...claims.hospitals] })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid! })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject(claims.sub)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    await seedDemoHospitals(chartline.commandUrl, mint);
    await built;
    web.handle(
      createConsoleApp({
        assetsDir: defaultAssetsDir,
        commandApiUrl: chartline.commandUrl,
        readApiUrl: chartline.readUrl,
        config: {
          mode: 'oidc',
          authority: issuer,
          clientId: CLIENT_ID,
          scope: 'openid profile',
          rolesClaim: 'roles',
          hospitalsClaim: 'hospitals',
        },
      }),
    );
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The console's own errors (the provider's development sign-in page fetches a web font and a
    // favicon this machine cannot reach: not the console's concern).
    page.on('console', (m) => {
      if (m.type() === 'error' && m.location().url.startsWith(consoleUrl)) errors.push(m.text());
    });
    page.on('pageerror', (e) => {
      if (page.url().startsWith(consoleUrl)) errors.push(String(e));
    });
    page.on('request', (r) => seen.push(r));
  });

  after(async () => {
    await browser?.close();
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in at the provider with PKCE and reads the bed board with the provider’s token', async () => {
    await page.goto(`${consoleUrl}/#/beds`);
    // The console sends the person to the provider: code flow, S256 challenge, no secret.
    await page.waitForURL((url) => url.origin === issuer, { timeout: 15_000 });
    const authorize = seen.find((r) => r.url().startsWith(`${issuer}/auth?`));
    const asked = new URL(authorize!.url()).searchParams;
    expect(asked.get('response_type')).to.equal('code');
    expect(asked.get('client_id')).to.equal(CLIENT_ID);
    expect(asked.get('code_challenge_method')).to.equal('S256');
    expect(asked.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.get('redirect_uri')).to.equal(`${consoleUrl}/`);

    await page.locator('input[name="login"]').fill('nurse-ada');
    await page.locator('input[name="password"]').fill('any');
    await screenshot(page, 'oidc-01-provider-sign-in');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back in the console, signed in: the token's roles and hospitals drive the pickers.
    await page.waitForURL((url) => url.origin === consoleUrl, { timeout: 15_000 });
    await page.getByLabel('Role').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Hospital').locator('option').allTextContents()).to.deep.equal(['riverside']);
    expect(await page.getByLabel('Role').locator('option').allTextContents()).to.deep.equal(['nurse', 'front desk']);
    // The code was redeemed with the verifier matching the challenge (the provider checked it).
    const redeem = seen.find((r) => r.url() === `${issuer}/token` && r.method() === 'POST');
    const form = new URLSearchParams(redeem?.postData() ?? '');
    expect(form.get('grant_type')).to.equal('authorization_code');
    expect(form.get('code_verifier')).to.match(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(form.has('client_secret')).to.equal(false);
    // The APIs accepted the provider's token (verified through its JWKS): the board shows beds.
    await page.goto(`${consoleUrl}/#/beds`);
    await page
      .getByRole('listitem', { name: /^Bed .*, (Free|Occupied|Reserved|To clean|Closed)$/ })
      .first()
      .waitFor({
        timeout: 15_000,
      });
    await page.getByText('Live: changes appear as they happen').waitFor({ timeout: 15_000 });
    await screenshot(page, 'oidc-02-bed-board-signed-in');
    const reads = seen.filter((r) => r.url().startsWith(`${consoleUrl}/api/read/hospitals/riverside/wards`));
    expect(reads.length).to.be.greaterThan(0);
    const bearer = (await reads[0]!.allHeaders())['authorization'] ?? '';
    const payload = JSON.parse(Buffer.from(bearer.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(payload).to.include({ iss: issuer, aud: AUDIENCE, sub: 'nurse-ada' });
  });

  it('refuses what the provider did not sign: a token signed with another key is 401 at the APIs', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ roles: ['nurse'], hospitals: ['riverside'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await fetch(`${consoleUrl}/api/read/hospitals/${DEMO_HOSPITALS[0]}/wards`, {
      headers: { Authorization: `Bearer ${forged}` },
    });
    expect(res.status).to.equal(401);
  });

  it('produced no console errors', () => {
    expect(errors).to.deep.equal([]);
  });
});
