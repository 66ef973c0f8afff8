import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSecrets {
  /** Wraps every per-patient data key (base64, 32 bytes). */
  readonly masterKey: string;
  /** HMAC key of the duplicate-patient blind index (base64, 32 bytes). */
  readonly blindIndexKey: string;
}

/**
 * The embedded start's secrets, made once and kept beside the data (never committed: .data/ is
 * ignored): losing the master key would make every stored personal field unreadable, and a new
 * blind-index key would stop duplicates being found against earlier registrations.
 */
export function devSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) {
    // An earlier version may have left it readable by others: it holds the master key.
    chmodSync(file, 0o600);
    return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  }
  const secrets: DevSecrets = {
    masterKey: randomBytes(32).toString('base64'),
    blindIndexKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
