import { decryptValue, ERASED, isCiphertext } from './field-cipher.js';
import type { KeyStore } from './port.js';
import type { Subject } from './subject.js';

/**
 * Readers (projections, the write side's loads) decrypt an event's personal fields with the subject's key,
 * or read them as ERASED when the key is gone. Fields that are not ciphertext pass through, so
 * events written before a field became personal still read.
 */
export async function decryptPersonalFields(
  data: Readonly<Record<string, unknown>>,
  personalFields: readonly string[],
  keys: Pick<KeyStore, 'existingKey'>,
  hospitalId: string,
  subject: Subject,
): Promise<Record<string, unknown>> {
  const encrypted = personalFields.filter((field) => isCiphertext(data[field]));
  if (encrypted.length === 0) return { ...data };
  const key = await keys.existingKey(hospitalId, subject);
  const out: Record<string, unknown> = { ...data };
  for (const field of encrypted) out[field] = key ? decryptValue(data[field] as string, key) : ERASED;
  return out;
}
