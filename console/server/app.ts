import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { ConsoleConfig } from '../src/session/config.js';

export interface ConsoleAppOptions {
  /** The built assets (vite's outDir): index.html and assets/. */
  readonly assetsDir: string;
  /** Where the command API and the read API answer, from this server's side. */
  readonly commandApiUrl: string;
  readonly readApiUrl: string;
  /** Served as /console-config.json: how the console signs people in (dev tokens or OIDC). */
  readonly config: ConsoleConfig;
}

/** Paths under which the console reaches each API: same origin, so no CORS and no second hostname. */
export const COMMAND_API_PREFIX = '/api/command';
export const READ_API_PREFIX = '/api/read';

/**
 * The console's own server: the static assets, the console's configuration, and the two APIs
 * under /api/command and /api/read (a plain reverse proxy: the APIs still see the bearer token
 * and answer with their own problem+json, so the console is a client of the public APIs only).
 * Server-sent events (the live bed board) stream through unbuffered.
 */
export function createConsoleApp(options: ConsoleAppOptions): Express {
  const index = join(options.assetsDir, 'index.html');
  if (!existsSync(index)) throw new Error(`console assets not found in ${options.assetsDir} (run npm run build)`);
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready as soon as it listens: the assets were found at start, and an API that is down is the
  // API's readiness to report (the console then shows its 503 in people's words).
  app.get('/readyz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.get('/console-config.json', (_req, res) => {
    // Dev tokens are in here in the embedded start: never cached, never stored.
    res.setHeader('Cache-Control', 'no-store');
    res.json(options.config);
  });
  const proxy = (target: string) =>
    createProxyMiddleware({ target, changeOrigin: true, xfwd: true, proxyTimeout: 30_000 });
  app.use(COMMAND_API_PREFIX, proxy(options.commandApiUrl));
  app.use(READ_API_PREFIX, proxy(options.readApiUrl));
  // Fingerprinted files never change; index.html must be fetched again to find the new ones.
  app.use('/assets', express.static(join(options.assetsDir, 'assets'), { immutable: true, maxAge: '365d' }));
  app.use(express.static(options.assetsDir, { index: false, maxAge: 0 }));
  // Every other GET is a screen of the single-page app.
  app.get(/.*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return app;
}
