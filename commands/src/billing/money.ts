/**
 * Money arithmetic in integer minor units (cents, pence…): never a float, so a sum of lines is the
 * line sum the patient can add up. Rates are basis points (1 bp = 0.01 %).
 *
 * The one rounding rule: a rate applied to an amount is rounded to the minor unit **half away
 * from zero**, once per line (tax on the line's net amount; a markup on one unit's cost). Totals
 * are sums of already-rounded lines, never re-rounded, so an invoice equals the sum of its lines.
 */

const BASIS = 10_000n;

/** `amount × basisPoints / 10 000`, rounded half away from zero (BigInt keeps it exact). */
export function applyRate(amount: number, basisPoints: number): number {
  const product = BigInt(amount) * BigInt(basisPoints);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const quotient = (magnitude + BASIS / 2n) / BASIS;
  return Number(negative ? -quotient : quotient);
}

export interface LineAmounts {
  readonly netAmount: number;
  readonly taxAmount: number;
  readonly totalAmount: number;
}

/** One charge line: quantity × unit price, tax on the net amount by the rounding rule. */
export function lineAmounts(quantity: number, unitPrice: number, taxBasisPoints: number): LineAmounts {
  const netAmount = quantity * unitPrice;
  const taxAmount = applyRate(netAmount, taxBasisPoints);
  return { netAmount, taxAmount, totalAmount: netAmount + taxAmount };
}

/** A stock item's unit price from its cost and the markup: cost + cost × markup, rounded by the rule. */
export const priceWithMarkup = (unitCost: number, markupBasisPoints: number): number =>
  unitCost + applyRate(unitCost, markupBasisPoints);

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
