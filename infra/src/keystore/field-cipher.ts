import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * One personal value, encrypted: `enc:v1:<base64(iv 12 | tag 16 | ciphertext)>`. The plaintext is
 * the value's JSON, so strings, numbers and objects all round-trip. The version prefix lets a
 * later format coexist with this one in old events.
 */
export const CIPHERTEXT_PREFIX = 'enc:v1:';

/** What a personal field reads as once its key is gone. */
export const ERASED = '[erased]';

export const isCiphertext = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(CIPHERTEXT_PREFIX);

export function encryptValue(value: unknown, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return CIPHERTEXT_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

export function decryptValue(text: string, key: Buffer): unknown {
  if (!isCiphertext(text)) throw new Error('not a chartline ciphertext');
  const bytes = Buffer.from(text.slice(CIPHERTEXT_PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'));
}
