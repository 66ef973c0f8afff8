import {
  type AccessGrantsSource,
  accessGrantsFromEventStore,
  authenticate,
  type Cache,
  createTokenVerifier,
  type EventStore,
  type HospitalStatusSource,
  jsonBody,
  methodNotAllowed,
  narrowToGrants,
  notFoundHandler,
  type ProblemLogger,
  type ProcessLogger,
  principalOf,
  problemHandler,
  type RateLimitOptions,
  type ReadStore,
  rateLimit,
  requestId,
  requireHospitalAccess,
  requireRole,
  requireServedHospital,
  securityHeaders,
  type TokenVerifier,
  type TokenVerifierOptions,
} from '@chartline/infra';
import {
  cacheRequestCounter,
  createMetricsRegistry,
  httpMetrics,
  livenessHandler,
  type MetricsRegistry,
  metricsHandler,
  readinessHandler,
  requestLogger,
} from '@chartline/infra/telemetry';
import { accessGrantsFrom, accessStreamOf, ROLES } from '@chartline/kernel';
import express, { type Express, type RequestHandler } from 'express';
import { recordAccess } from '../audit/index.js';
import { hrGauges } from '../hr/index.js';
import { laboratoryGauges } from '../laboratory/index.js';
import { readApiDocument } from '../openapi/document.js';
import { etagOf, sendJson } from './answer.js';
import { type ConsistencyOptions, ProjectionSignals, waitForViews } from './consistency.js';
import { type CachedAnswer, QueryCache, QueryCacheCounters } from './query-cache.js';
import type { AnchorReader, ReadDeps, ReadRoute } from './route.js';
import { readRoutes } from './routes.js';
import { DEFAULT_STREAM_OPTIONS, type StreamOptions, type StreamRoute, streamHandler } from './stream-route.js';
import { streamRoutes } from './streams.js';
import { consistencyToken, parsePart } from './validate.js';

export interface ReadAppDeps {
  readonly readStore: ReadStore;
  readonly eventStore: EventStore;
  /** Absent: nothing is cached. */
  readonly cache?: Cache;
  /** A verifier, or its options (issuer, audience, jwksUrl | publicKey); roles are the kernel's ROLES. */
  readonly auth: TokenVerifier | Omit<TokenVerifierOptions, 'roles'>;
  readonly clock?: () => Date;
  /** The anchor store (read-only) and the anchors' public key, for the audit anchor verification. */
  readonly anchors?: AnchorReader;
  readonly consistency?: Partial<ConsistencyOptions>;
  /** Seconds a cached answer lives (a bump makes it unreachable sooner). Default 300. */
  readonly cacheTtlSeconds?: number;
  /** Where hits and misses are counted; pass one to read it from the metrics endpoint. */
  readonly cacheCounters?: QueryCacheCounters;
  readonly logger?: ProblemLogger;
  /** The process's metrics registry: HTTP and cache metrics and `chartline_ready`, served on /metrics. */
  readonly metrics?: MetricsRegistry;
  /** One line per request (method, route template, status, duration; never URL, headers or body). */
  readonly requestLog?: ProcessLogger;
  /** Per-caller rate limit (shared through Redis when given). Absent: no limit. */
  readonly rateLimit?: Omit<RateLimitOptions, 'keyPrefix'>;
  /** A readiness ping slower than this counts as down. Default 2000 ms. */
  readonly readinessTimeoutMs?: number;
  /** Default: every route of the read API. */
  readonly routes?: readonly ReadRoute[];
  /** Live streams (server-sent events). Default: every stream of the read API. */
  readonly streams?: readonly StreamRoute[];
  readonly streamOptions?: Partial<StreamOptions>;
  /**
   * Which hospitals the platform serves (cached; `hospitalStatusFromEventStore`). Given: every
   * read for a hospital not registered (403 hospital-not-registered) or suspended (403
   * hospital-suspended) is refused, except the hospitals module's reads by a platform
   * administrator. The production entrypoints always give it; absent, nothing is checked.
   */
  readonly hospitalStatus?: HospitalStatusSource;
  /**
   * HR's access grants, which narrow a token's roles for subjects HR governs (docs/operations.md
   * "Access grants"). Default: read from the event store, cached 2 s per subject.
   */
  readonly accessGrants?: AccessGrantsSource;
}

const isVerifier = (auth: ReadAppDeps['auth']): auth is TokenVerifier =>
  typeof (auth as TokenVerifier).verify === 'function';

/** Everything after auth: validate, wait for the token, cache-aside, run, log access, answer. */
function handlerOf(
  route: ReadRoute,
  deps: ReadDeps,
  cache: QueryCache | undefined,
  consistency: ConsistencyOptions,
): RequestHandler {
  const template = `${route.method.toUpperCase()} ${route.path}`;
  return async (req, res) => {
    const params = parsePart(route.params, req.params, 'path') as { hospitalId: string };
    const { after, ...input } = parsePart(
      route.input,
      route.method === 'get' ? req.query : req.body,
      route.method === 'get' ? 'query' : 'body',
    ) as {
      after?: number;
    } & Record<string, unknown>;
    const principal = principalOf(res);
    const token = consistencyToken(req.header('x-consistency-token'), after);
    if (token !== undefined && route.modules) {
      const field = req.header('x-consistency-token') === undefined ? 'query.after' : 'header.x-consistency-token';
      await waitForViews(deps, params.hospitalId, route.modules, token, consistency, field);
    }

    const { key, answer: cached } =
      cache && route.views
        ? await cache.lookup(params.hospitalId, route.id, route.views, {
            params,
            input,
            ...(route.variant ? { variant: route.variant(principal) } : {}),
          })
        : { key: undefined, answer: undefined };
    let answer: CachedAnswer | undefined = cached;
    if (!answer) {
      const result = await route.run({ params, query: input, principal }, deps);
      const body = JSON.stringify(result.body);
      const made = { body, accessed: result.accessed ?? [], etag: etagOf(body) };
      answer = made;
      if (cache && route.views) await cache.set(key, made);
    }
    if (answer.accessed.length > 0) {
      await recordAccess(
        deps.eventStore,
        {
          hospitalId: params.hospitalId,
          principal,
          route: template,
          requestId: String(res.locals['requestId']),
          at: deps.clock().toISOString(),
        },
        answer.accessed,
      );
    }
    sendJson(req, res, answer.body, {
      personal: answer.accessed.length > 0,
      ...(answer.etag ? { etag: answer.etag } : {}),
    });
  };
}

/**
 * The read API: per route auth → hospital → role → (JSON body for POST) → validation →
 * consistency wait → cache-aside → query → access log → ETag/304. Query strings use Express 5's
 * "simple" parser (no bracket objects), and every input is a strict schema of scalars.
 */
export function createReadApp(deps: ReadAppDeps): Express {
  const verifier = isVerifier(deps.auth) ? deps.auth : createTokenVerifier({ ...deps.auth, roles: ROLES });
  const readDeps: ReadDeps = {
    readStore: deps.readStore,
    eventStore: deps.eventStore,
    clock: deps.clock ?? (() => new Date()),
    ...(deps.anchors ? { anchors: deps.anchors } : {}),
  };
  const metrics = deps.metrics ?? createMetricsRegistry({ defaultMetrics: false });
  // Patient safety: unacknowledged critical lab results are watched by an alert.
  laboratoryGauges(metrics, deps.readStore, readDeps.clock);
  // Patient safety: a shift about to start short of staff is watched by an alert.
  hrGauges(metrics, deps.readStore, readDeps.clock);
  const counters = deps.cacheCounters ?? new QueryCacheCounters();
  const cache = deps.cache
    ? new QueryCache(deps.cache, counters, deps.cacheTtlSeconds, cacheRequestCounter(metrics))
    : undefined;
  // Projectors announce what they applied through the cache's pub/sub (Redis, or in-process when
  // embedded): a read waiting for its token looks again at once, polling only as a fallback.
  const signals = deps.cache?.onAnnouncement ? new ProjectionSignals() : undefined;
  if (signals) deps.cache?.onAnnouncement?.(signals.notify);
  const consistency: ConsistencyOptions = {
    timeoutMs: deps.consistency?.timeoutMs ?? 5_000,
    pollMs: deps.consistency?.pollMs ?? (signals ? 250 : 50),
    ...(signals ? { signals } : {}),
  };
  const routes = deps.routes ?? readRoutes;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.locals['cacheCounters'] = counters;
  app.use(requestId);
  app.use(securityHeaders());
  if (deps.requestLog) app.use(requestLogger(deps.requestLog));
  app.use(httpMetrics(metrics, 'read-api'));
  app.get('/metrics', metricsHandler(metrics));
  app.get('/healthz', livenessHandler);
  /*
   * Ready when the read store (every answer) and the event store (audit reads, access records,
   * consistency tokens) answer. The cache is asked and reported but does not block: with Redis
   * down every read is a miss answered from MongoDB, slower but correct, and taking the pods out
   * of the Service would turn a slow read API into no read API.
   */
  const cacheCheck = deps.cache;
  app.get(
    '/readyz',
    readinessHandler(
      {
        'read-store': () => deps.readStore.ping(),
        'event-store': () => deps.eventStore.ping(),
        ...(cacheCheck ? { cache: () => cacheCheck.ping() } : {}),
      },
      {
        registry: metrics,
        service: 'read-api',
        nonBlocking: ['cache'],
        ...(deps.readinessTimeoutMs === undefined ? {} : { timeoutMs: deps.readinessTimeoutMs }),
      },
    ),
  );
  const streams = deps.streams ?? streamRoutes;
  const document = readApiDocument(routes, streams);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  const grants =
    deps.accessGrants ??
    accessGrantsFromEventStore(deps.eventStore, { streamOf: accessStreamOf, fold: accessGrantsFrom });
  const body = jsonBody({ limit: '16kb' });
  const limit = deps.rateLimit ? [rateLimit({ ...deps.rateLimit, keyPrefix: 'chartline:rl:read:' })] : [];
  /** The same checks for every read route and every stream: no stream is less guarded than a read. */
  const guards = (route: { tag: string; roles: ReadRoute['roles'] }): RequestHandler[] => [
    authenticate(verifier),
    ...limit,
    requireHospitalAccess('hospitalId'),
    ...(deps.hospitalStatus
      ? [
          requireServedHospital(deps.hospitalStatus, {
            // Platform administrators see a hospital they are registering or have suspended.
            exemptRoles: route.tag === 'hospitals' ? ['platform_admin'] : [],
          }),
        ]
      : []),
    narrowToGrants(grants),
    requireRole(route.roles),
  ];
  for (const route of routes) {
    app[route.method](
      route.path,
      ...guards(route),
      ...(route.method === 'post' ? body : []),
      handlerOf(route, readDeps, cache, consistency),
    );
  }
  const announcements = deps.cache?.onAnnouncement?.bind(deps.cache);
  const streamOptions = { ...DEFAULT_STREAM_OPTIONS, ...deps.streamOptions };
  for (const stream of streams)
    app.get(stream.path, ...guards(stream), streamHandler(stream, announcements, streamOptions));
  app.use(methodNotAllowed(app));
  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger));
  return app;
}
