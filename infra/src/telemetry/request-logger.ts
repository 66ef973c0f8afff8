import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { OPERATIONS_PATHS, routeOf } from './http-metrics.js';

/**
 * One line per request: method, route template, status, duration and request id. Never the URL
 * (ids and query strings: a patient search by name), never headers, never the body.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (OPERATIONS_PATHS.has(req.path)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const fields = {
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
        requestId: res.locals['requestId'],
      };
      if (res.statusCode >= 500) logger.error(fields, 'request failed');
      else logger.info(fields, 'request');
    });
    next();
  };
}
