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

const typeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;

/**
 * Commands accept JSON only: another media type is 415 before anything is read, a body above the
 * limit is 413 (stating the limit) and malformed JSON is 400 (mapped by the problem handler). A
 * body whose bytes are not what its Content-Encoding says (gzip, deflate, br) fails inside zlib,
 * which body-parser passes on untyped: that is the client's 400, not our 500.
 */
export function jsonBody(options: JsonBodyOptions = {}): RequestHandler[] {
  const limit = options.limit ?? '1mb';
  const requireJson: RequestHandler = (req, _res, next) => {
    if (!isJson(req.headers['content-type'])) {
      throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Send application/json.');
    }
    next();
  };
  const parse = express.json({ limit, strict: true, type: () => true });
  const parseJson: RequestHandler = (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (error === undefined || error === null) return next();
      if (typeOf(error) === 'entity.too.large') {
        return next(
          new HttpProblem(
            413,
            'body-too-large',
            'Content too large',
            `The body exceeds the limit of ${limit}; send a smaller request.`,
            { limit },
          ),
        );
      }
      const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (typeOf(error) === undefined && encoding !== 'identity') {
        return next(
          new HttpProblem(
            400,
            'malformed-encoding',
            'Bad request',
            `The body is not valid ${encoding} data (Content-Encoding: ${encoding}); compress it with ${encoding}, or send it uncompressed without Content-Encoding.`,
          ),
        );
      }
      next(error);
    });
  };
  return [requireJson, parseJson];
}
