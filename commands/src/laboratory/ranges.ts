import type { CodedValue, ReferenceRange } from './catalogue.js';

/**
 * Interpreting a result: which reference range applies to the patient, and the flag the value
 * gets from it. Pure, so the same function serves recording and amending, and a test pins every
 * boundary. The limits are exclusive: a value equal to a limit is on the inner side of it
 * (potassium 6.5 with critical high 6.5 is high, not critically high).
 */

export type Flag = 'normal' | 'low' | 'high' | 'critically_low' | 'critically_high' | 'abnormal' | 'none';

export const DAY_MS = 86_400_000;

/** Whole days from the birth date (YYYY-MM-DD, midnight UTC) to `at`; null when unknown or negative. */
export function ageInDays(birthDate: string | null, at: string): number | null {
  if (birthDate === null) return null;
  const days = Math.floor((Date.parse(at) - Date.parse(`${birthDate}T00:00:00Z`)) / DAY_MS);
  return Number.isFinite(days) && days >= 0 ? days : null;
}

/**
 * The range for a patient: sex female/male matches its own ranges and `any`; other or unknown sex
 * (or an erased record) only `any`. An unknown age matches only a range open on both ends. The
 * catalogue refuses overlapping ranges, so at most one range matches.
 */
export function rangeFor(
  ranges: readonly ReferenceRange[],
  sex: string | null,
  ageDays: number | null,
): ReferenceRange | null {
  return (
    ranges.find((r) => {
      const sexMatches = r.sex === 'any' || r.sex === sex;
      const ageMatches =
        ageDays === null
          ? r.minAgeDays === 0 && (r.maxAgeDays ?? null) === null
          : ageDays >= r.minAgeDays && (r.maxAgeDays == null || ageDays < r.maxAgeDays);
      return sexMatches && ageMatches;
    }) ?? null
  );
}

export function numericFlag(value: number, range: ReferenceRange | null): Flag {
  if (range === null) return 'none';
  if (range.criticalLow != null && value < range.criticalLow) return 'critically_low';
  if (range.criticalHigh != null && value > range.criticalHigh) return 'critically_high';
  if (range.low != null && value < range.low) return 'low';
  if (range.high != null && value > range.high) return 'high';
  return 'normal';
}

export const codedFlag = (code: CodedValue): Flag => (code.abnormal ? 'abnormal' : 'normal');

export const isCritical = (flag: Flag): flag is 'critically_low' | 'critically_high' =>
  flag === 'critically_low' || flag === 'critically_high';

/** Limits in order: criticalLow ≤ low < high ≤ criticalHigh (for those given), ages ascending. */
export function limitsInOrder(r: ReferenceRange): boolean {
  const ordered = [r.criticalLow, r.low, r.high, r.criticalHigh].filter((v): v is number => v != null);
  for (let i = 1; i < ordered.length; i++) if ((ordered[i] as number) < (ordered[i - 1] as number)) return false;
  if (r.low != null && r.high != null && !(r.low < r.high)) return false;
  return r.maxAgeDays == null || r.minAgeDays < r.maxAgeDays;
}

/** Whether two ranges could both apply to one patient (a shared sex and an overlapping age band). */
export function rangesOverlap(a: ReferenceRange, b: ReferenceRange): boolean {
  const sexes = a.sex === 'any' || b.sex === 'any' || a.sex === b.sex;
  const aEnd = a.maxAgeDays ?? Number.POSITIVE_INFINITY;
  const bEnd = b.maxAgeDays ?? Number.POSITIVE_INFINITY;
  return sexes && a.minAgeDays < bEnd && b.minAgeDays < aEnd;
}

/** The applied range's limits as events carry them (null when none applied). */
export function appliedRange(range: ReferenceRange | null, version: number) {
  return {
    rangeLow: range?.low ?? null,
    rangeHigh: range?.high ?? null,
    criticalLow: range?.criticalLow ?? null,
    criticalHigh: range?.criticalHigh ?? null,
    rangesVersion: range === null ? null : version,
  };
}
