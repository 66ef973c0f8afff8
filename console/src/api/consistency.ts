/**
 * Read-your-own-writes. Each command answers with the event-store position it wrote (the
 * consistency token); every later read of that hospital sends the highest one, and the read API
 * waits (up to 5 s) until its views include it. So a clerk never sees their own change missing.
 */
export class ConsistencyTokens {
  readonly #highest = new Map<string, number>();

  wrote(hospitalId: string, position: number): void {
    if (position > (this.#highest.get(hospitalId) ?? -1)) this.#highest.set(hospitalId, position);
  }

  /** The header to send with a read of this hospital, if anything was written. */
  header(hospitalId: string): { 'X-Consistency-Token': string } | Record<string, never> {
    const p = this.#highest.get(hospitalId);
    return p === undefined ? {} : { 'X-Consistency-Token': String(p) };
  }
}
