import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A strong ETag over the exact bytes of the body: equal bodies, equal tags, whichever replica. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** Sends a JSON body with its ETag, or 304 when the client already holds it. */
export function sendJson(req: Request, res: Response, body: string): void {
  const etag = etagOf(body);
  res.setHeader('ETag', etag);
  // Personal data: never in shared caches; the client revalidates with If-None-Match.
  res.setHeader('Cache-Control', 'private, no-cache');
  if (matches(req.header('if-none-match'), etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type('application/json').send(body);
}
