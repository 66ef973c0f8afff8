/** Moved to `@chartline/infra` (infra/src/consumer/): the process-manager runtime parks messages the same way. */
export { DLQ_HEADER_PREFIX, DLQ_HEADERS, deadLetter, reasonOf, withoutDeadLetterHeaders } from '@chartline/infra';
