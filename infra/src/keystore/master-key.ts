import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Data keys rest wrapped (AES-256-GCM) by one master key from the environment, so a copy of the
 * key table alone decrypts nothing. The wrap is bound to its row (hospital and subject, see
 * `keyBinding`) as associated data: a wrapped key moved to another subject's row fails to unwrap.
 */
export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  /** 32 bytes as base64 or hex (64 hex digits). */
  static parse(text: string): MasterKey {
    const trimmed = text.trim();
    const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
    if (bytes.length !== 32) throw new Error('master key: expected 32 bytes (base64 or 64 hex digits)');
    return new MasterKey(bytes);
  }

  static generate(): MasterKey {
    return new MasterKey(randomBytes(32));
  }

  wrap(dataKey: Buffer, binding: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(binding));
    const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  unwrap(wrapped: Buffer, binding: string): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(binding));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    } catch {
      // Names no ids: the caller knows which subject it asked for.
      throw new Error('key store: a data key does not unwrap with the configured master key (wrong master key?)');
    }
  }
}

export const newDataKey = (): Buffer => randomBytes(32);
