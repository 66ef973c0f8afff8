import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config/env.js';
import { eventStoreUrl } from '../config/variables.js';
import { type AnchorSigner, anchorSigner, publicKeyFromPem } from './checkpoint.js';

/** Where the embedded start keeps its data; the anchoring defaults live beside events.db. */
const EMBEDDED_DIR = '.data';

const anchorStoreUrl = z
  .string()
  .describe('Anchor store: postgres://… (its own database and credentials) or a file path (append-only JSON lines)');

/** `npm run anchor` (the CronJob): reads the event store, signs, appends to the anchor store. */
export const anchorJobEnv = z.object({
  EVENT_STORE_URL: eventStoreUrl.default(`sqlite:${join(EMBEDDED_DIR, 'events.db')}`),
  ANCHOR_STORE_URL: anchorStoreUrl.default(join(EMBEDDED_DIR, 'anchors.jsonl')),
  ANCHOR_SIGNING_KEY: z.string().optional().describe('Ed25519 private key, PKCS#8 PEM (or ANCHOR_SIGNING_KEY_FILE)'),
  ANCHOR_SIGNING_KEY_FILE: z.string().optional().describe('File holding the Ed25519 private key (PKCS#8 PEM)'),
});

/** Verification (the CLI and the read API): the anchor store read-only, and the public key. */
export const anchorVerifyEnv = z.object({
  EVENT_STORE_URL: eventStoreUrl.default(`sqlite:${join(EMBEDDED_DIR, 'events.db')}`),
  ANCHOR_STORE_URL: anchorStoreUrl.default(join(EMBEDDED_DIR, 'anchors.jsonl')),
  ANCHOR_PUBLIC_KEY: z.string().optional().describe('Ed25519 public key verifying anchors, SPKI PEM'),
  ANCHOR_PUBLIC_KEY_FILE: z.string().optional().describe('File holding the Ed25519 public key (SPKI PEM)'),
});

const isEmbedded = (anchorStore: string) => !/^postgres(ql)?:\/\//.test(anchorStore);
const publicKeyFileBeside = (anchorStore: string) => join(dirname(anchorStore), 'anchor-public-key.pem');

/**
 * The signing key from the environment. Embedded (a file anchor store), a key pair is created
 * beside the anchor file on first use (0600), its public half next to it; in production a missing
 * key stops the job, because anchors signed by a throwaway key prove nothing.
 */
export function anchorSignerFromEnv(env: z.infer<typeof anchorJobEnv>): AnchorSigner {
  const pem =
    env.ANCHOR_SIGNING_KEY ??
    (env.ANCHOR_SIGNING_KEY_FILE ? readFileSync(env.ANCHOR_SIGNING_KEY_FILE, 'utf8') : undefined);
  if (pem) return anchorSigner(pem);
  if (!isEmbedded(env.ANCHOR_STORE_URL)) {
    throw new ConfigError([{ variable: 'ANCHOR_SIGNING_KEY', message: 'missing (or set ANCHOR_SIGNING_KEY_FILE)' }]);
  }
  const keyFile = join(dirname(env.ANCHOR_STORE_URL), 'anchor-signing-key.pem');
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicKeyFileBeside(env.ANCHOR_STORE_URL), publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return anchorSigner(readFileSync(keyFile, 'utf8'));
}

/** The public key from the environment (embedded: the one the anchoring run wrote beside the file). */
export function anchorPublicKeyFromEnv(env: z.infer<typeof anchorVerifyEnv>): KeyObject {
  const pem =
    env.ANCHOR_PUBLIC_KEY ??
    (env.ANCHOR_PUBLIC_KEY_FILE ? readFileSync(env.ANCHOR_PUBLIC_KEY_FILE, 'utf8') : undefined) ??
    (isEmbedded(env.ANCHOR_STORE_URL) && existsSync(publicKeyFileBeside(env.ANCHOR_STORE_URL))
      ? readFileSync(publicKeyFileBeside(env.ANCHOR_STORE_URL), 'utf8')
      : undefined);
  if (!pem)
    throw new ConfigError([{ variable: 'ANCHOR_PUBLIC_KEY', message: 'missing (or set ANCHOR_PUBLIC_KEY_FILE)' }]);
  return publicKeyFromPem(pem);
}
