/**
 * A backing service (Redis, the key store's database, …) could not be reached. The problem handler
 * answers 503 with Retry-After for it; the message names the service, never request data.
 */
export class DependencyUnavailable extends Error {
  override readonly name: string = 'DependencyUnavailable';
  constructor(
    readonly service: string,
    options?: { cause?: unknown },
  ) {
    super(`${service} is unavailable`, options);
  }
}
