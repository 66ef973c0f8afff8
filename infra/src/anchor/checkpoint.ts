import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '@chartline/events';

/** One stream's head as anchored: the last revision seen and its hash. */
export interface StreamHead {
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string;
}

/**
 * A hospital's stream heads at one moment, signed, kept outside the event store (an anchor store
 * its writers cannot rewrite). A stream cut short, or its last events rewritten with recomputed
 * hashes, no longer matches its anchored head. docs/events.md ("Anchors") specifies the bytes.
 */
export interface AnchorCheckpoint {
  readonly anchorVersion: 1;
  readonly hospitalId: string;
  /** ISO-8601 UTC, when the anchoring run read the store. */
  readonly anchoredAt: string;
  /** Event-store position the heads cover: every event at or below it is reflected. */
  readonly position: number;
  /** Sorted by streamId (UTF-16 code units, as canonical JSON sorts keys). */
  readonly heads: readonly StreamHead[];
}

export interface SignedAnchor {
  readonly checkpoint: AnchorCheckpoint;
  /** First 16 hex of SHA-256 over the public key (SPKI DER): which key signed it. */
  readonly keyId: string;
  /** Ed25519 over the UTF-8 bytes of canonicalJson(checkpoint), base64. */
  readonly signature: string;
}

export function sortHeads(heads: Iterable<StreamHead>): StreamHead[] {
  return [...heads].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export interface AnchorSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  sign(checkpoint: AnchorCheckpoint): SignedAnchor;
}

/** An Ed25519 signer from a PKCS#8 PEM private key. */
export function anchorSigner(privateKeyPem: string): AnchorSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the anchor signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    sign: (checkpoint) => ({
      checkpoint,
      keyId,
      signature: sign(null, Buffer.from(canonicalJson(checkpoint), 'utf8'), privateKey).toString('base64'),
    }),
  };
}

/** True only when the anchor was signed by this Ed25519 public key and not changed since. */
export function anchorSignatureValid(anchor: SignedAnchor, publicKey: KeyObject): boolean {
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(anchor.checkpoint), 'utf8'),
      publicKey,
      Buffer.from(anchor.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the anchor public key must be Ed25519');
  return key;
}
