import { z } from 'zod';
import { DEFAULT_PORTS } from './default-ports.js';
import { eventStoreUrl, host, kafkaBrokers, logLevel, mongodbUrl, port, redisUrl } from './variables.js';

/**
 * The environment of each production process, in one place: the entrypoints read it with
 * `readEnv`, the Kubernetes manifests must set it (a test checks), the README documents it.
 * Add a variable here, never `process.env.X` elsewhere.
 */

const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const common = {
  LOG_LEVEL: logLevel,
  HOST: host,
};

const personalData = {
  KEY_STORE_URL: z
    .string()
    .regex(/^(postgres|postgresql):\/\/|^sqlite:|^memory:/, 'must start with postgres://, sqlite: or memory:')
    .describe('Where per-patient data keys live (crypto-shredding): postgres://…, sqlite:<file> or memory:'),
  PERSONAL_DATA_MASTER_KEY: base64Key.describe('Secret. Wraps every per-patient data key (AES-256-GCM)'),
};

const jwt = {
  JWT_ISSUER: z.string().min(1).describe('Expected `iss` of bearer tokens'),
  JWT_AUDIENCE: z.string().min(1).describe('Expected `aud` of bearer tokens'),
  JWT_JWKS_URL: z.url().optional().describe('JWKS endpoint of the identity provider (or set JWT_PUBLIC_KEY)'),
  JWT_PUBLIC_KEY: z.string().optional().describe('PEM (SPKI) public key verifying tokens (or set JWT_JWKS_URL)'),
  JWT_ROLES_CLAIM: z
    .string()
    .min(1)
    .default('roles')
    .describe('Claim holding the roles (string or array; dotted path such as `realm_access.roles`)'),
  JWT_HOSPITALS_CLAIM: z
    .string()
    .min(1)
    .default('hospitals')
    .describe('Claim holding the hospital ids the caller may act for'),
  JWT_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(43_200)
    .describe('Longest token lifetime accepted (exp − iat); longer-lived tokens get 401'),
  RATE_LIMIT_REQUESTS: z.coerce
    .number()
    .int()
    .min(0)
    .default(1200)
    .describe('Requests one caller (token sub) may make per window on this API, shared through Redis; 0 = no limit'),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(60)
    .describe('The rate-limit window; beyond the limit, 429 with Retry-After'),
};

const kafkaPartitions = z.coerce
  .number()
  .int()
  .min(1)
  .default(12)
  .describe(
    'Partitions of each module topic: the relay creates topics with them, the command API places new hospitals among them',
  );

const consumerStallSeconds = z.coerce
  .number()
  .int()
  .positive()
  .default(60)
  .describe('Not ready (/readyz `consumer`) after this long with lag and no batch committed: a stalled consumer');

export const commandApiEnv = z.object({
  ...common,
  ...personalData,
  ...jwt,
  PORT: port(DEFAULT_PORTS['command-api']),
  EVENT_STORE_URL: eventStoreUrl,
  REDIS_URL: redisUrl.describe('Redis: idempotency keys (TTL)'),
  BLIND_INDEX_KEY: base64Key.describe('Secret. HMAC key of the duplicate-patient blind index'),
  IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(86_400)
    .describe('How long an Idempotency-Key is remembered'),
  KAFKA_PARTITIONS: kafkaPartitions,
});

export const relayEnv = z.object({
  ...common,
  PORT: port(DEFAULT_PORTS.relay).describe('Port of /healthz, /readyz and /metrics'),
  EVENT_STORE_URL: eventStoreUrl,
  KAFKA_BROKERS: kafkaBrokers,
  KAFKA_PARTITIONS: kafkaPartitions,
});

export const projectorEnv = z.object({
  ...common,
  ...personalData,
  PORT: port(DEFAULT_PORTS.projector).describe('Port of /healthz, /readyz and /metrics'),
  PROJECTOR_MODULE: z
    .string()
    .regex(/^[a-z]+$/)
    .describe('Module whose topic this projector consumes (patients, admissions, …)'),
  KAFKA_BROKERS: kafkaBrokers,
  MONGODB_URL: mongodbUrl,
  REDIS_URL: redisUrl.describe('Redis: cache generations bumped after each write'),
  CONSUMER_STALL_SECONDS: consumerStallSeconds,
});

export const processManagerEnv = z.object({
  ...common,
  ...personalData,
  PORT: port(DEFAULT_PORTS['process-manager']).describe('Port of /healthz, /readyz and /metrics'),
  PROCESS_MANAGER: z
    .string()
    .regex(/^[a-z][a-z0-9]*[./][a-z][a-z0-9-]*$/, 'must be <module>.<name>, e.g. admissions.discharge-on-death')
    .describe('Which process manager this process runs: <module>.<name> (admissions.discharge-on-death, …)'),
  EVENT_STORE_URL: eventStoreUrl.describe('Event store its commands are appended to'),
  KAFKA_BROKERS: kafkaBrokers,
  BLIND_INDEX_KEY: base64Key.describe('Secret. HMAC key of the duplicate-patient blind index (as the command API)'),
  CONSUMER_STALL_SECONDS: consumerStallSeconds,
});

export const readApiEnv = z.object({
  ...common,
  ...personalData,
  ...jwt,
  PORT: port(DEFAULT_PORTS['read-api']),
  EVENT_STORE_URL: eventStoreUrl.describe('Event store read by the audit routes'),
  MONGODB_URL: mongodbUrl,
  REDIS_URL: redisUrl.describe('Redis: cached query results'),
  ANCHOR_STORE_URL: z
    .string()
    .optional()
    .describe(
      'Secret. Anchor store read by the audit anchor verification (read-only credentials); unset: not configured',
    ),
  ANCHOR_PUBLIC_KEY: z.string().optional().describe('Ed25519 public key (SPKI PEM) verifying the anchors'),
});

/**
 * The web console's server (`node dist/console.mjs`): its static assets and the APIs proxied under
 * /api, signing people in with OpenID Connect. `console/server/env.ts` reads exactly these and the
 * Kubernetes manifests must set them (tests check both). Not one of `processEnvs`: it reads no store,
 * serves no /metrics, and has no compose service (no OpenID Connect provider on a laptop; `npm start`
 * serves the console there in dev mode).
 */
export const consoleEnv = z.object({
  HOST: host,
  PORT: port(DEFAULT_PORTS.console),
  OIDC_AUTHORITY: z.url().describe('Issuer URL of the OpenID Connect provider people sign in with (as JWT_ISSUER)'),
  OIDC_CLIENT_ID: z
    .string()
    .min(1)
    .describe('The console’s public client id at the provider (authorization code with PKCE, no secret)'),
  OIDC_SCOPE: z.string().min(1).default('openid profile').describe('Scopes the console asks the provider for'),
  JWT_ROLES_CLAIM: jwt.JWT_ROLES_CLAIM,
  JWT_HOSPITALS_CLAIM: jwt.JWT_HOSPITALS_CLAIM,
  COMMAND_API_URL: z.url().default('http://command-api:8080').describe('The command API, from the console’s side'),
  READ_API_URL: z.url().default('http://read-api:8081').describe('The read API, from the console’s side'),
  CONSOLE_ASSETS_DIR: z.string().min(1).default('dist/console').describe('The built assets (vite’s output)'),
});

export const processEnvs = {
  'command-api': commandApiEnv,
  relay: relayEnv,
  projector: projectorEnv,
  'process-manager': processManagerEnv,
  'read-api': readApiEnv,
} as const;

export type ProjectorEnv = z.infer<typeof projectorEnv>;
export type ProcessManagerEnv = z.infer<typeof processManagerEnv>;
