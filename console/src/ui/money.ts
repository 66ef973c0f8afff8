/**
 * Money as people read it. Amounts travel in integer minor units of the hospital's currency; the
 * currency's own number of decimals (Intl) turns them into a figure and back, never floats summed.
 */
const digits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

export function formatMoney(minor: number, currency: string | null | undefined): string {
  if (!currency) return String(minor);
  const d = digits(currency);
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    minimumFractionDigits: d,
    maximumFractionDigits: d,
  }).format(minor / 10 ** d);
}

/** "12.50" in a currency → 1250 minor units; undefined when it is not an amount with at most the currency's decimals. */
export function parseMoney(text: string, currency: string): number | undefined {
  const d = digits(currency);
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!match || (match[2]?.length ?? 0) > d) return undefined;
  return Number(match[1]) * 10 ** d + Number((match[2] ?? '').padEnd(d, '0') || '0');
}
