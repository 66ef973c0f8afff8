import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * The key store as the code before subjects made it (commit 3b370d0): one table keyed by patient,
 * erased rows with a NULL key. Kept verbatim so migration tests start from a real old store.
 */
export const SQLITE_BY_PATIENT_DDL = `CREATE TABLE IF NOT EXISTS personal_data_keys (
    hospital_id TEXT NOT NULL,
    patient_id TEXT NOT NULL,
    wrapped_key BLOB,
    created_at TEXT NOT NULL,
    erased_at TEXT,
    PRIMARY KEY (hospital_id, patient_id)
  )`;

export const POSTGRES_BY_PATIENT_DDL = `CREATE TABLE IF NOT EXISTS personal_data_keys (
  hospital_id text NOT NULL,
  patient_id text NOT NULL,
  wrapped_key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  PRIMARY KEY (hospital_id, patient_id)
)`;

/** The old code's wrap, written out independently of MasterKey: AES-256-GCM, AAD `hospital NUL patient`. */
export function wrapByPatient(masterKey: Buffer, dataKey: Buffer, hospitalId: string, patientId: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(`${hospitalId}\u0000${patientId}`));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}
