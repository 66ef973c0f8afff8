/** Lab values and ages as people read them (no DOM, no I/O: unit-tested). */

/** The part of a result the bench reads (the read API's result shape). */
export interface ResultValue {
  readonly valueNumber: number | null;
  readonly valueCode: string | null;
  readonly valueText: string | null;
  readonly unit: string | null;
  readonly flag: string;
}

const FLAG_WORDS: Record<string, string> = {
  normal: 'normal',
  low: 'low',
  high: 'high',
  critically_low: 'CRITICALLY LOW',
  critically_high: 'CRITICALLY HIGH',
  abnormal: 'abnormal',
  none: '',
};

/** A result as the bench reads it: value, unit and flag. */
export function resultText(result: ResultValue | null): string {
  if (!result) return '—';
  const value = result.valueNumber ?? result.valueCode ?? result.valueText ?? '';
  const flag = FLAG_WORDS[result.flag] ?? result.flag;
  return `${value}${result.unit ? ` ${result.unit}` : ''}${flag ? ` (${flag})` : ''}`;
}

/** Minutes as people say them: "12 min", "3 h 5 min", "2 d 4 h". */
export function minutesText(minutes: number): string {
  const m = Math.abs(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const d = Math.floor(m / (24 * 60));
  const h = Math.floor((m % (24 * 60)) / 60);
  return `${d} d${h ? ` ${h} h` : ''}`;
}
