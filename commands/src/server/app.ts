import {
  type AccessGrantsSource,
  accessGrantsFromEventStore,
  authenticate,
  createTokenVerifier,
  type EventStore,
  type IdempotencyStore,
  jsonBody,
  type KeyStore,
  methodNotAllowed,
  narrowToGrants,
  notFoundHandler,
  type ProblemLogger,
  type ProcessLogger,
  problemHandler,
  type RateLimitOptions,
  rateLimit,
  requestId,
  requireHospitalAccess,
  requireRole,
  requireServedHospital,
  securityHeaders,
  type TokenVerifier,
  type TokenVerifierOptions,
  uuidv7,
} from '@chartline/infra';
import {
  commandInstrumentation,
  createMetricsRegistry,
  httpMetrics,
  instrumentEventStore,
  livenessHandler,
  type MetricsRegistry,
  metricsHandler,
  readinessHandler,
  requestLogger,
} from '@chartline/infra/telemetry';
import { accessGrantsFrom, accessStreamOf } from '@chartline/kernel';
import express, { type Express, type RequestHandler, type Router } from 'express';
import { ROLES } from '../shared/command-spec.js';
import { blindIndexer } from './blind-index.js';
import type { AnyCommandSpec, CommandModule } from './command-module.js';
import { commandRoute } from './command-route.js';
import { eventRegistry } from './event-registry.js';
import type { HospitalDirectory } from './hospital-directory.js';
import { commandApiDocument } from './openapi.js';
import { authenticateWitness } from './witness.js';

export interface CommandAppOptions {
  readonly eventStore: EventStore;
  readonly keyStore: KeyStore;
  readonly idempotency: IdempotencyStore;
  /** A verifier, or its options (issuer, audience, jwksUrl | publicKey); roles default to ROLES. */
  readonly auth: TokenVerifier | Omit<TokenVerifierOptions, 'roles'>;
  readonly modules: readonly CommandModule[];
  /** Secret behind CommandContext.blindIndex (hospital-scoped HMAC keys are derived from it). */
  readonly blindIndexSecret: string | Buffer;
  /** Partitions of the module topics (KAFKA_PARTITIONS): new hospitals are placed among them. Default 12. */
  readonly kafkaPartitions?: number;
  readonly clock?: () => Date;
  /** Default: UUID v7. */
  readonly newId?: () => string;
  /** Default '1mb'; larger bodies get 413. */
  readonly bodyLimit?: string;
  /** Default true: commands without Idempotency-Key get 400. */
  readonly requireIdempotencyKey?: boolean;
  /** Default 2000 ms: how long a repeat waits for the first execution of its key. */
  readonly inProgressWaitMs?: number;
  readonly logger?: ProblemLogger;
  /** The process's metrics registry: HTTP, command and append metrics, served on /metrics. */
  readonly metrics?: MetricsRegistry;
  /** One line per request (method, route template, status, duration; never URL, headers or body). */
  readonly requestLog?: ProcessLogger;
  /** Per-caller rate limit (shared through Redis when given). Absent: no limit. */
  readonly rateLimit?: Omit<RateLimitOptions, 'keyPrefix'>;
  /** A readiness ping slower than this counts as down. Default 2000 ms. */
  readonly readinessTimeoutMs?: number;
  /**
   * The hospitals as this process sees them (cached). Given: every command is refused for a
   * hospital not registered (403 hospital-not-registered) or suspended (403 hospital-suspended),
   * except the hospitals module's own commands sent by a platform administrator. The production
   * entrypoints always give it; absent (unit tests of other rules), nothing is checked and
   * settings come from a directory shared per event store.
   */
  readonly hospitals?: HospitalDirectory;
  /**
   * HR's access grants, which narrow a token's roles for subjects HR governs (docs/operations.md
   * "Access grants"). Default: read from this event store, cached 2 s per subject.
   */
  readonly accessGrants?: AccessGrantsSource;
}

/** Method, path and spec of every command route, for the OpenAPI document and the docs. */
export interface CommandRouteInfo {
  readonly method: 'post';
  /** Express path, e.g. `/hospitals/:hospitalId/admissions/admit-patient`. */
  readonly path: string;
  readonly module: string;
  readonly spec: AnyCommandSpec;
}

export function commandRoutes(modules: readonly CommandModule[]): CommandRouteInfo[] {
  return modules.flatMap((module) =>
    module.specs.map((spec) => ({
      method: 'post' as const,
      path: `/hospitals/:hospitalId/${module.name}/${spec.name}`,
      module: module.name,
      spec,
    })),
  );
}

/**
 * `POST /hospitals/<id>/<module>/<command>` goes straight to that command's own router by one map
 * look-up. Express tried the app's 100 command routes in turn, a regular expression each (with the
 * router's layer walk, ~3 % of the command API's CPU). The command's router matches its one route
 * as the app's would (so `req.params` and `req.route`, the metrics' route label, are the same);
 * any other request, or a spelling of the path not written exactly so (other case, trailing
 * slash), goes on through the app's routes, which answer it as before.
 */
function commandDispatch(byCommand: ReadonlyMap<string, Router>): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const [root, hospitals, , module, command, ...rest] = req.path.split('/');
    const router =
      root === '' && hospitals === 'hospitals' && rest.length === 0 && byCommand.get(`${module}/${command}`);
    if (!router) return next();
    router(req, res, next);
  };
}

const HOSPITALS_MODULE = 'hospitals';
const PLATFORM_ROLES = ['platform_admin'] as const;

const isVerifier = (auth: CommandAppOptions['auth']): auth is TokenVerifier =>
  typeof (auth as TokenVerifier).verify === 'function';

/**
 * The command API: one `POST /hospitals/:hospitalId/<module>/<command>` per CommandSpec, each
 * running auth → hospital → role → JSON body → validation → Idempotency-Key → load, decide, append.
 */
export function createCommandApp(options: CommandAppOptions): Express {
  const verifier = isVerifier(options.auth) ? options.auth : createTokenVerifier({ ...options.auth, roles: ROLES });
  const metrics = options.metrics ?? createMetricsRegistry({ defaultMetrics: false });
  const instrumentCommand = commandInstrumentation(metrics);
  const deps = {
    eventStore: instrumentEventStore(options.eventStore, metrics),
    keyStore: options.keyStore,
    events: eventRegistry(options.modules),
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? uuidv7,
    blindIndex: blindIndexer(options.blindIndexSecret),
    ...(options.hospitals ? { hospitals: options.hospitals } : {}),
    ...(options.kafkaPartitions !== undefined && { kafkaPartitions: options.kafkaPartitions }),
  };
  const routeOptions = {
    idempotency: options.idempotency,
    requireIdempotencyKey: options.requireIdempotencyKey ?? true,
    inProgressWaitMs: options.inProgressWaitMs ?? 2000,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId);
  app.use(securityHeaders());
  if (options.requestLog) app.use(requestLogger(options.requestLog));
  app.use(httpMetrics(metrics, 'command-api'));
  app.get('/metrics', metricsHandler(metrics));
  app.get('/healthz', livenessHandler);
  // Every store a command needs: without any of them commands fail with 503, so the pod leaves the Service.
  app.get(
    '/readyz',
    readinessHandler(
      {
        'event-store': () => options.eventStore.ping(),
        'idempotency-store': () => options.idempotency.ping(),
        'key-store': () => options.keyStore.ping(),
      },
      {
        registry: metrics,
        service: 'command-api',
        ...(options.readinessTimeoutMs === undefined ? {} : { timeoutMs: options.readinessTimeoutMs }),
      },
    ),
  );

  const openapi = commandApiDocument(options.modules);
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  const body = jsonBody(options.bodyLimit === undefined ? {} : { limit: options.bodyLimit });
  const limit = options.rateLimit ? [rateLimit({ ...options.rateLimit, keyPrefix: 'chartline:rl:command:' })] : [];
  const grants =
    options.accessGrants ??
    accessGrantsFromEventStore(options.eventStore, { streamOf: accessStreamOf, fold: accessGrantsFrom });
  const served = (module: string) =>
    options.hospitals
      ? [
          requireServedHospital(options.hospitals, {
            // Platform administrators register unregistered hospitals and reactivate suspended ones.
            exemptRoles: module === HOSPITALS_MODULE ? PLATFORM_ROLES : [],
          }),
        ]
      : [];
  const byCommand = new Map<string, Router>();
  app.use(commandDispatch(byCommand));
  for (const route of commandRoutes(options.modules)) {
    const module = options.modules.find((m) => m.name === route.module)!;
    const chain = [
      authenticate(verifier),
      ...limit,
      requireHospitalAccess('hospitalId'),
      ...served(route.module),
      narrowToGrants(grants),
      requireRole(route.spec.roles),
      ...body,
      instrumentCommand(route.module, route.spec.name),
      ...(route.spec.witness ? [authenticateWitness(verifier, grants, route.spec.witness)] : []),
      commandRoute(module, route.spec, deps, routeOptions),
    ];
    // On the app as ever (it answers what the fast path leaves: other spellings of the path, and
    // the 405s computed from the app's routes); and alone on a router of its own for the dispatch.
    app.post(route.path, ...chain);
    const alone = express.Router();
    alone.post(route.path, ...chain);
    byCommand.set(`${route.module}/${route.spec.name}`, alone);
  }
  app.use(methodNotAllowed(app));
  app.use(notFoundHandler);
  app.use(problemHandler(options.logger));
  return app;
}
