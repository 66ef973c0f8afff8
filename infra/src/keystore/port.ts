import type { Subject } from './subject.js';

/**
 * Crypto-shredding: each subject's personal fields (a patient's, a staff member's) are encrypted
 * with that subject's own data key. Erasing the subject's personal data deletes the key: the
 * events stay (and their hash chain still verifies, since it covers the ciphertext), but the
 * personal fields can never be read again.
 */
export interface KeyStore {
  /** The subject's 32-byte data key, created on first use. Throws PersonalDataErased after erase(). */
  dataKeyFor(hospitalId: string, subject: Subject): Promise<Buffer>;
  /** The key if it exists, null when it was erased or never made. Readers use this. */
  existingKey(hospitalId: string, subject: Subject): Promise<Buffer | null>;
  /**
   * Deletes the key for good, leaving no copy in the store's files that the store can remove, and
   * remembers the erasure (a tombstone without the key), so it is never re-created. Idempotent.
   */
  erase(hospitalId: string, subject: Subject): Promise<void>;
  /** Whether the store answers now (readiness); never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The subject's personal data was erased: nothing new may be encrypted for them. */
export class PersonalDataErased extends Error {
  override readonly name = 'PersonalDataErased';
  constructor() {
    super('the personal data of this person was erased');
  }
}
