/**
 * Calendar arithmetic on YYYY-MM-DD dates and UTC instants in a hospital's time zone, for every
 * module: what "today" is for an expiry sweep, a bed-day or a licence, and where a shift lies
 * (the roster rules and the under-staffing gauge place shifts the same way). Pure.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Milliseconds since the epoch of a date's UTC midnight. */
export const dayStart = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);

/** Whole calendar days from `from` to `to`, both included (1 for a single day). */
export const daysInclusive = (from: string, to: string): number =>
  Math.round((dayStart(to) - dayStart(from)) / DAY_MS) + 1;

/** The date `days` after `date`. */
export const addDays = (date: string, days: number): string =>
  new Date(dayStart(date) + days * DAY_MS).toISOString().slice(0, 10);

/** The hospital's local calendar date at an instant (its IANA zone): what "today" means to its staff. */
export function localDate(at: string, zone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return formatter(dateFormats, 'en-CA', zone, () => ({ year: 'numeric', month: '2-digit', day: '2-digit' })).format(
    new Date(at),
  );
}

/**
 * One formatter per zone, kept: building an Intl.DateTimeFormat costs tens of µs (it loads the
 * zone's rules), and a roster command asks for several instants (the command profile showed it).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  locale: string,
  zone: string,
  options: () => Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options(), timeZone: zone });
    cache.set(zone, format);
  }
  return format;
}

/** `HH:MM` as minutes after midnight. */
export const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** How far `zone`'s wall clock is ahead of UTC at the instant `ms`, in milliseconds. */
function offsetMs(ms: number, zone: string): number {
  const parts = formatter(clockFormats, 'en-GB', zone, () => ({
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time on a local date in an IANA zone. Across a DST change the
 * offset is taken again at the first guess, so 07:00 is 07:00 local on both sides; a time that
 * does not exist (skipped by spring-forward) lands an hour later, as clocks show it.
 */
export function localInstant(date: string, minutes: number, zone: string): number {
  const wall = dayStart(date) + minutes * 60_000;
  const first = wall - offsetMs(wall, zone);
  return wall - offsetMs(first, zone);
}
