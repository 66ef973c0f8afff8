import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleEnv } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { createConsoleApp } from './app.js';
import { ConsoleEnvError, oidcConfigFromEnv } from './env.js';

describe('console server', () => {
  const assets = mkdtempSync(join(tmpdir(), 'console-assets-'));
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>console</title>');
  let upstream: Server;
  let upstreamUrl = '';
  const seen: { url: string; auth: string | undefined }[] = [];

  before(async () => {
    upstream = createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      res.setHeader('Content-Type', 'application/problem+json');
      res.statusCode = 409;
      res.end(JSON.stringify({ status: 409, rule: 'bed-not-free' }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const address = upstream.address();
    upstreamUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => upstream.close());

  const app = () =>
    createConsoleApp({
      assetsDir: assets,
      commandApiUrl: upstreamUrl,
      readApiUrl: upstreamUrl,
      config: { mode: 'dev', hospitals: ['riverside'], tokens: { nurse: 't' } },
    });

  it('serves its configuration uncached, and every screen path as the single page', async () => {
    const config = await request(app()).get('/console-config.json').expect(200);
    expect(config.headers['cache-control']).to.equal('no-store');
    expect(config.body).to.deep.equal({ mode: 'dev', hospitals: ['riverside'], tokens: { nurse: 't' } });
    const screen = await request(app()).get('/patients/123').expect(200);
    expect(screen.text).to.contain('<title>console</title>');
  });

  it('passes /api/command and /api/read through to the APIs with the bearer token, answers unchanged', async () => {
    const answer = await request(app())
      .post('/api/command/hospitals/riverside/admissions/admit-patient')
      .set('Authorization', 'Bearer abc')
      .send({})
      .expect(409);
    expect(answer.body).to.deep.equal({ status: 409, rule: 'bed-not-free' });
    await request(app()).get('/api/read/hospitals/riverside/wards').expect(409);
    expect(seen.map((s) => s.url)).to.deep.equal([
      '/hospitals/riverside/admissions/admit-patient',
      '/hospitals/riverside/wards',
    ]);
    expect(seen[0]?.auth).to.equal('Bearer abc');
  });

  it('refuses to start without built assets, naming the folder', () => {
    expect(() =>
      createConsoleApp({
        assetsDir: '/nonexistent',
        commandApiUrl: 'http://x',
        readApiUrl: 'http://x',
        config: { mode: 'dev', hospitals: [], tokens: {} },
      }),
    ).to.throw(/console assets not found in \/nonexistent/);
  });

  it('production settings: an OIDC client is required, URLs must be URLs', () => {
    expect(() => oidcConfigFromEnv({ OIDC_AUTHORITY: 'https://id.example.org/' })).to.throw(
      ConsoleEnvError,
      /OIDC_CLIENT_ID/,
    );
    expect(() => oidcConfigFromEnv({ OIDC_CLIENT_ID: 'console', OIDC_AUTHORITY: 'not a url' })).to.throw(
      /OIDC_AUTHORITY is not a URL/,
    );
    const env = oidcConfigFromEnv({ OIDC_CLIENT_ID: 'console', OIDC_AUTHORITY: 'https://id.example.org/' });
    expect(env.config).to.deep.include({
      mode: 'oidc',
      clientId: 'console',
      rolesClaim: 'roles',
      hospitalsClaim: 'hospitals',
    });
    expect(env.commandApiUrl).to.equal('http://command-api:8080');
    expect(env.port).to.equal(8082);
    expect(() => oidcConfigFromEnv({ OIDC_CLIENT_ID: 'c', OIDC_AUTHORITY: 'https://id/', PORT: '99999' })).to.throw(
      /PORT is not a port number/,
    );
    // An empty variable counts as unset (its default applies, or it is missing).
    expect(
      oidcConfigFromEnv({ OIDC_CLIENT_ID: 'c', OIDC_AUTHORITY: 'https://id/', OIDC_SCOPE: '' }).config.scope,
    ).to.equal('openid profile');
    expect(() => oidcConfigFromEnv({ OIDC_CLIENT_ID: '', OIDC_AUTHORITY: 'https://id/' })).to.throw(
      /OIDC_CLIENT_ID is missing/,
    );
  });

  it('reads its settings with the schema the deploy checks hold the manifests to (consoleEnv), and answers /readyz', async () => {
    expect(Object.keys(consoleEnv.shape)).to.include.members([
      'OIDC_AUTHORITY',
      'OIDC_CLIENT_ID',
      'OIDC_SCOPE',
      'JWT_ROLES_CLAIM',
      'JWT_HOSPITALS_CLAIM',
      'COMMAND_API_URL',
      'READ_API_URL',
      'PORT',
      'HOST',
      'CONSOLE_ASSETS_DIR',
    ]);
    await request(app()).get('/readyz').expect(200, { status: 'ready' });
  });
});
