import { encryptValue } from '@chartline/infra';

/**
 * Replaces each personal field that holds a value with its ciphertext, before the event is hashed:
 * the chain then covers the ciphertext, so deleting the key later leaves it verifiable. Absent and
 * null fields stay as they are (absence is not personal). The key is fetched only when needed, so
 * events without personal data never touch the key store.
 */
export async function encryptPersonalFields<T extends Readonly<Record<string, unknown>>>(
  data: T,
  personalFields: readonly string[],
  dataKey: () => Promise<Buffer>,
): Promise<T> {
  const present = personalFields.filter((field) => data[field] !== undefined && data[field] !== null);
  if (present.length === 0) return data;
  const key = await dataKey();
  const out: Record<string, unknown> = { ...data };
  for (const field of present) out[field] = encryptValue(data[field], key);
  return out as T;
}
