/**
 * Crypto-shredding: each patient's personal fields are encrypted with that patient's own data key.
 * Erasing the patient's personal data deletes the key: the events stay (and their hash chain still
 * verifies, since it covers the ciphertext), but the personal fields can never be read again.
 */
export interface KeyStore {
  /** The patient's 32-byte data key, created on first use. Throws PersonalDataErased after erase(). */
  dataKeyFor(hospitalId: string, patientId: string): Promise<Buffer>;
  /** The key if it exists, null when it was erased or never made. Readers use this. */
  existingKey(hospitalId: string, patientId: string): Promise<Buffer | null>;
  /** Deletes the key for good and remembers that it did (a tombstone), so it is never re-created. Idempotent. */
  erase(hospitalId: string, patientId: string): Promise<void>;
  /** Whether the store answers now (readiness); never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The patient's personal data was erased: nothing new may be encrypted for them. */
export class PersonalDataErased extends Error {
  override readonly name = 'PersonalDataErased';
  constructor() {
    super('the personal data of this patient was erased');
  }
}
