import { createHash } from 'node:crypto';
import { uuidv7 } from '@chartline/infra';
import { parse as uuidParse, v5 as uuidv5 } from 'uuid';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
/** Fixed namespace so the same (hospital, Idempotency-Key) always names the same command. */
const COMMAND_ID_NAMESPACE = '0193a1c2-5e7b-7c3d-9f00-6c6861727431';
/** The namespace parsed once, and the name given as UTF-8 bytes: uuid parsed both on every command. */
const COMMAND_ID_NAMESPACE_BYTES = uuidParse(COMMAND_ID_NAMESPACE);

/** A client's `X-Correlation-Id` if well-formed (it ties a user's workflow together), else a new one. */
export const correlationIdFrom = (header: string | undefined): string =>
  header && SAFE_ID.test(header) ? header : uuidv7();

/**
 * A new record id (UUID v7), as the command API makes them. The scheduled jobs under scripts/ take it
 * from here: an import of 'uuid' from outside the workspaces resolves to the root's, a dev tool's
 * uuid 10 that the image does not hold (infra/src/deploy/image-dependencies.test.ts).
 */
export const newRecordId = (): string => uuidv7();

/** W3C trace context, only when valid: a malformed header must not end up in the permanent record. */
export const traceparentFrom = (header: string | undefined): string | null =>
  header && TRACEPARENT.test(header.trim()) ? header.trim() : null;

/**
 * Idempotency keys belong to the caller, not the hospital: another user sending the same key is
 * another command. The scope is the hospital and a hash of the token's subject (so no user id sits
 * in Redis keys); hospital ids hold no ':' and the hash is fixed-length, so scopes never collide.
 */
export const idempotencyScope = (hospitalId: string, subject: string): string =>
  `${hospitalId}:${createHash('sha256').update(subject).digest('base64url')}`;

/**
 * The command's id, which becomes every event's causationId: stable across retries of one
 * Idempotency-Key by one caller in one hospital (and so the event store's durable record of it).
 */
export const commandIdFrom = (scope: string, idempotencyKey: string | undefined): string =>
  idempotencyKey === undefined
    ? uuidv7()
    : uuidv5(Buffer.from(`${scope}\n${idempotencyKey}`, 'utf8'), COMMAND_ID_NAMESPACE_BYTES);

/** `If-Match: "<revision>"` (the ETag we sent). Returns undefined when absent; throws on garbage. */
export function expectedRevisionFrom(header: string | undefined): number | undefined | 'invalid' {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header.trim());
  return match?.[1] === undefined ? 'invalid' : Number(match[1]);
}

/** Idempotency keys are client-chosen: printable ASCII, at most 255 characters. */
export const isValidIdempotencyKey = (key: string): boolean => /^[\x21-\x7e]{1,255}$/.test(key);
