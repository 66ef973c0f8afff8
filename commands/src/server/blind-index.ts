import { createHmac } from 'node:crypto';

/**
 * Blind index for deciders (see CommandContext.blindIndex): HMAC-SHA256 under a per-hospital key
 * derived from one secret, so equal values match within a hospital and nowhere else, and nobody
 * without the secret can test a guessed name against a stream id.
 */
export function blindIndexer(secret: string | Buffer): (hospitalId: string) => (value: string) => string {
  return (hospitalId) => {
    // Derived on first use: every command's context carries the function, few commands call it.
    let hospitalKey: Buffer | undefined;
    return (value) => {
      hospitalKey ??= createHmac('sha256', secret).update(`blind-index\n${hospitalId}`).digest();
      return createHmac('sha256', hospitalKey).update(value, 'utf8').digest('hex');
    };
  };
}
