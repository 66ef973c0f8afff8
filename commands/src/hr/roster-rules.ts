import { DAY_MS, HOUR_MS } from './dates.js';
import { violate } from './rules.js';
import type { RosteredShift, StaffState } from './staff.js';

/** The working-time limits in force (the hospital's settings: `settingsInForce`). */
export interface WorkingTimeLimits {
  readonly minimumRestHours: number;
  readonly maximumHoursPerSevenDays: number;
}

const span = (s: { startsAt: string; endsAt: string }) => [Date.parse(s.startsAt), Date.parse(s.endsAt)] as const;
const overlapMs = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * Most hours worked in any rolling 7-day window that contains the new shift. The busiest window
 * starts at some shift's start, so only windows starting at a start in (newEnd − 7 d, newStart]
 * need counting.
 */
export function busiestSevenDays(shifts: readonly RosteredShift[], candidate: RosteredShift): number {
  const all = [...shifts, candidate];
  const [c0, c1] = span(candidate);
  const starts = all.map((s) => span(s)[0]).filter((t) => t > c1 - 7 * DAY_MS && t <= c0);
  let most = 0;
  for (const w0 of starts) {
    const w1 = w0 + 7 * DAY_MS;
    const ms = all.reduce((sum, s) => sum + overlapMs(...span(s), w0, w1), 0);
    most = Math.max(most, ms);
  }
  return most / HOUR_MS;
}

/**
 * Every roster rule for putting `candidate` on a person's roster, named when refused. `others`
 * are the shifts the person keeps (a swap leaves out the one they give away).
 */
export function checkRosterRules(
  staff: StaffState,
  candidate: RosteredShift,
  limits: WorkingTimeLimits,
  others: readonly RosteredShift[] = staff.shifts,
  who: Readonly<Record<string, string>> = {},
): void {
  const [c0, c1] = span(candidate);
  const clash = others.find((s) => overlapMs(...span(s), c0, c1) > 0);
  if (clash) violate('shift-overlaps', { ...who, shiftId: clash.shiftId });
  if (candidate.clinical && !staff.licences.some((l) => l.validFrom <= candidate.date && candidate.date <= l.validTo))
    violate('licence-not-valid', { ...who, date: candidate.date });
  const leave = staff.leave.find((l) => l.status === 'approved' && l.from <= candidate.date && candidate.date <= l.to);
  if (leave) violate('on-approved-leave', { ...who, leaveId: leave.leaveId });
  const restMs = limits.minimumRestHours * HOUR_MS;
  const tooClose = others.find((s) => {
    const [s0, s1] = span(s);
    return (s1 <= c0 && c0 - s1 < restMs) || (c1 <= s0 && s0 - c1 < restMs);
  });
  if (tooClose)
    violate('minimum-rest', { ...who, shiftId: tooClose.shiftId, minimumRestHours: limits.minimumRestHours });
  const hours = busiestSevenDays(others, candidate);
  if (hours > limits.maximumHoursPerSevenDays)
    violate('maximum-hours-exceeded', {
      ...who,
      hours: Math.round(hours * 100) / 100,
      maximumHoursPerSevenDays: limits.maximumHoursPerSevenDays,
    });
}
