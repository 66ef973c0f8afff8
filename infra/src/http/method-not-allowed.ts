import type { Express, RequestHandler } from 'express';
import { sendProblem } from './error-handler.js';
import { HttpProblem } from './problem.js';

type Layer = { route?: { path: unknown; methods: Record<string, boolean> } };

/** `/hospitals/:hospitalId/wards` → a pattern matching one path segment per parameter. */
const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`);

/**
 * 405 with `Allow` for a path the app serves under other methods (GET on a command route, TRACE
 * or DELETE anywhere): the path exists, so 404 would send the caller looking for a typo. Mount it
 * after every route and before the 404 handler; the routes are read when the first request comes,
 * so every route is known by then.
 */
export function methodNotAllowed(app: Express): RequestHandler {
  let routes: { pattern: RegExp; methods: string[] }[] | undefined;
  const known = () => {
    routes ??= ((app as unknown as { router: { stack: Layer[] } }).router.stack ?? [])
      .filter((layer) => layer.route && typeof layer.route.path === 'string')
      .map((layer) => ({
        pattern: patternOf(layer.route!.path as string),
        methods: Object.keys(layer.route!.methods).map((m) => m.toUpperCase()),
      }));
    return routes;
  };
  return (req, res, next) => {
    const allowed = new Set<string>();
    for (const route of known()) if (route.pattern.test(req.path)) for (const m of route.methods) allowed.add(m);
    if (allowed.size === 0) return next();
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    res.setHeader('Allow', allow);
    sendProblem(
      res,
      new HttpProblem(405, 'method-not-allowed', 'Method not allowed', `This path answers ${allow} only.`),
      req.originalUrl.split('?')[0],
    );
  };
}
