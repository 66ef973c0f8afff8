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

/**
 * Sends a JSON body with its ETag, or 304 when the client already holds it. An answer that shows
 * a person (`personal`) is `no-store`: no browser or proxy keeps a copy. Others may be kept by the
 * caller's own client only and are revalidated with If-None-Match.
 */
export function sendJson(
  req: Request,
  res: Response,
  body: string,
  /** `etag`: the body's, computed when the answer was made (a cache hit sends it without hashing again). */
  options: { personal?: boolean; etag?: string } = {},
): void {
  const etag = options.etag ?? etagOf(body);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', options.personal ? 'no-store' : 'private, no-cache');
  if (matches(req.header('if-none-match'), etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type('application/json').send(body);
}
