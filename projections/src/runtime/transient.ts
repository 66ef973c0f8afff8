/** Moved to `@chartline/infra` (infra/src/consumer/): every consumer retries servers that are away the same way. */
export { backoffMs, isTransient } from '@chartline/infra';
