import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer of both APIs, from `helmet` (nosniff, frame and referrer
 * policies, a locked-down CSP for anything a browser might render, HSTS), and `Cache-Control:
 * no-store` unless a route says otherwise: most answers carry personal data or an error about a
 * request that did, and nothing of it may sit in a browser's or a proxy's cache. A read route
 * whose answer shows no person may relax it to `private, no-cache` (revalidated with its ETag).
 */
export function securityHeaders(): RequestHandler[] {
  const noStore: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  return [helmet(), noStore];
}
