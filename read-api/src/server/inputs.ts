import { z } from 'zod';

/**
 * Building blocks of every read route's input. Query strings and JSON bodies are strict objects
 * of scalar strings: an unknown key (`$where`, `a[b]`, `__proto__`), an array (a repeated key) or
 * an object (`{"$gt": ""}`) is refused with 400 before anything reaches the read store, and no
 * value may hold `$`, braces or brackets, so a validated value can only ever be a literal.
 */

const SAFE = /^[^$[\]{}\p{Cc}]*$/u;

/** A scalar string with a whitelisting pattern (which must not admit `$`, braces or brackets). */
export const scalar = (pattern: RegExp, what: string, max = 128) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(pattern)
    .refine((v) => SAFE.test(v), 'Operators are not allowed')
    .describe(what);

export const hospitalId = scalar(/^[A-Za-z0-9_-]{1,64}$/, 'Hospital id.', 64);
/** Entity ids: UUIDs in practice; letters, digits and `._:-` accepted. */
export const entityId = (what: string) => scalar(/^[A-Za-z0-9._:-]+$/, what);
export const isoDate = (what: string) => z.iso.date().describe(`${what}, YYYY-MM-DD.`);
export const isoInstant = (what: string) =>
  z.iso
    .datetime({
      offset: true,
      error: 'Expected an ISO-8601 date-time with a UTC offset (Z or ±hh:mm), e.g. 2026-03-01T14:30:00Z',
    })
    .describe(`${what}, ISO-8601.`);
/** The largest whole number a query accepts: 15 digits (within JavaScript's safe integers). */
export const COUNT_MAX = 999_999_999_999_999;

/**
 * Whole numbers: as text in a query string, as text or a JSON number in a body (a search by
 * body). Out of range is a 400 naming the range (never silently replaced by a default). The
 * document declares them as integers with their bounds.
 */
export const count = (what: string, max = COUNT_MAX, min = 0) =>
  z
    .union([scalar(/^\d{1,15}$/, what, 15).transform(Number), z.number()])
    .pipe(
      z
        .number()
        .int(`Must be a whole number from ${min} to ${max}`)
        .min(min, `Must be from ${min} to ${max}`)
        .max(max, `Must be from ${min} to ${max}`),
    )
    .describe(what)
    .meta({ type: 'integer', minimum: min, maximum: max });

export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 25;

/** Paging and the consistency token, shared by every list route. */
export const pageQuery = {
  limit: count(`Page size, 1–${PAGE_SIZE_MAX} (default ${PAGE_SIZE_DEFAULT}).`, PAGE_SIZE_MAX, 1).optional(),
  cursor: scalar(/^[A-Za-z0-9_-]+$/, 'Opaque cursor from the previous page’s nextCursor.', 512).optional(),
};

export const consistencyQuery = {
  after: count(
    'Consistency token (a position a command returned): wait until the views include it. Same as the X-Consistency-Token header.',
  ).optional(),
};

export const order = z
  .enum(['asc', 'desc'])
  .describe('Sort direction: `asc` ascending (default) or `desc` descending.');
