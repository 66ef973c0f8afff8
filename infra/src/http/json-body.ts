import express, { type RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

export interface JsonBodyOptions {
  /** body-parser size, e.g. '1mb'. Larger bodies get 413. */
  readonly limit?: string;
}

const isJson = (contentType: string | undefined): boolean => {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
};

/**
 * Commands accept JSON only: another media type is 415 before anything is read, a body above the
 * limit is 413 and malformed JSON is 400 (both mapped by the problem handler).
 */
export function jsonBody(options: JsonBodyOptions = {}): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (!isJson(req.headers['content-type'])) {
      throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Send application/json.');
    }
    next();
  };
  return [requireJson, express.json({ limit: options.limit ?? '1mb', strict: true, type: () => true })];
}
