import { type EventEnvelope, envelopeFromRecorded } from '@chartline/events';
import {
  createMemoryIdempotencyStore,
  createMemoryKeyStore,
  createTokenVerifier,
  type EventStore,
  type IdempotencyStore,
  type KeyStore,
  MemoryEventStore,
  type ProcessLogger,
  StreamNotFound,
} from '@chartline/infra';
import type { MetricsRegistry } from '@chartline/infra/telemetry';

import type { Express } from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ROLES } from '../../shared/command-spec.js';
import { type CommandAppOptions, createCommandApp } from '../app.js';
import type { CommandModule } from '../command-module.js';
import { hospitalDirectory } from '../hospital-directory.js';
import { wardModule } from './ward-fixture.js';

export const ISSUER = 'https://id.test.chartline';
export const AUDIENCE = 'chartline-commands';

export interface TokenClaims {
  readonly sub?: string;
  readonly role?: string;
  /** Several roles, as identity providers issue them (a `roles` array); replaces `role`. */
  readonly roles?: readonly string[];
  readonly hospitals?: readonly string[];
  readonly expiresIn?: string | number;
  readonly issuer?: string;
  readonly audience?: string;
}

/** A signing key pair; `sign` makes tokens the app's verifier trusts (or not, with another signer). */
export async function tokenSigner() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    publicKey,
    jwk: await exportJWK(publicKey),
    sign: (claims: TokenClaims = {}) =>
      new SignJWT({
        ...(claims.roles ? { roles: [...claims.roles] } : { role: claims.role ?? 'nurse' }),
        hospitals: [...(claims.hospitals ?? ['h1'])],
      })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject(claims.sub ?? 'user-1')
        .setIssuer(claims.issuer ?? ISSUER)
        .setAudience(claims.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(claims.expiresIn ?? '5m')
        .sign(privateKey),
  };
}

export interface Harness {
  readonly app: Express;
  readonly eventStore: EventStore;
  readonly keyStore: KeyStore;
  readonly idempotency: IdempotencyStore;
  token(claims?: TokenClaims): Promise<string>;
}

export async function commandHarness(
  options: {
    eventStore?: EventStore;
    keyStore?: KeyStore;
    idempotency?: IdempotencyStore;
    modules?: readonly CommandModule[];
    requireIdempotencyKey?: boolean;
    inProgressWaitMs?: number;
    metrics?: MetricsRegistry;
    requestLog?: ProcessLogger;
    rateLimit?: CommandAppOptions['rateLimit'];
    /** Refuse tokens of hospitals not registered or suspended, as the production entrypoint does. */
    checkHospitals?: boolean;
  } = {},
): Promise<Harness> {
  const signer = await tokenSigner();
  const eventStore = options.eventStore ?? new MemoryEventStore();
  const keyStore = options.keyStore ?? createMemoryKeyStore();
  const idempotency = options.idempotency ?? createMemoryIdempotencyStore();
  const verifier = createTokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    publicKey: await import('node:crypto').then((c) => c.createPublicKey({ key: signer.jwk, format: 'jwk' })),
    roles: ROLES,
  });
  const app = createCommandApp({
    eventStore,
    keyStore,
    idempotency,
    auth: verifier,
    modules: options.modules ?? [wardModule],
    blindIndexSecret: 'test-secret',
    ...(options.requireIdempotencyKey === undefined ? {} : { requireIdempotencyKey: options.requireIdempotencyKey }),
    ...(options.inProgressWaitMs === undefined ? {} : { inProgressWaitMs: options.inProgressWaitMs }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.requestLog === undefined ? {} : { requestLog: options.requestLog }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    ...(options.checkHospitals ? { hospitals: hospitalDirectory(eventStore) } : {}),
  });
  return { app, eventStore, keyStore, idempotency, token: signer.sign };
}

export async function envelopesOf(
  store: EventStore,
  streamId: string,
): Promise<EventEnvelope<Record<string, unknown>>[]> {
  try {
    return (await store.readStream(streamId)).map(envelopeFromRecorded);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

export const allEvents = (store: EventStore) => store.readAll();
