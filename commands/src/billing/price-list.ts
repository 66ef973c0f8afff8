import type { Aggregate } from '../shared/command-spec.js';
import type { BillingEventNamed } from './events.js';

export type ServiceKind = 'bed_day' | 'lab_test' | 'stock_item' | 'procedure' | 'other';

export interface ServicePrice {
  readonly serviceCode: string;
  readonly kind: ServiceKind;
  readonly description: string;
  readonly unitPrice: number;
  readonly markupBasisPoints: number;
  readonly taxBasisPoints: number;
  /** Hospital-local date from which it applies. */
  readonly effectiveFrom: string;
  /** Order recorded, to break a tie between two prices from the same date. */
  readonly recorded: number;
}

export interface PriceListState {
  readonly prices: Readonly<Record<string, readonly ServicePrice[]>>;
  readonly recorded: number;
}

/** `priceList-<hospitalId>.prices`: one price list per hospital. */
export const PRICE_LIST_ID = 'prices';

export const priceListAggregate: Aggregate<PriceListState, BillingEventNamed<'ServicePriceSet'>> = {
  name: 'priceList',
  initialState: { prices: {}, recorded: 0 },
  evolve: (state, event) => {
    if (event.type !== 'ServicePriceSet') return state;
    const d = event.data;
    const price: ServicePrice = {
      serviceCode: d.serviceCode,
      kind: d.kind,
      description: d.description,
      unitPrice: d.unitPrice,
      markupBasisPoints: d.markupBasisPoints,
      taxBasisPoints: d.taxBasisPoints,
      effectiveFrom: d.effectiveFrom,
      recorded: state.recorded + 1,
    };
    return {
      recorded: state.recorded + 1,
      prices: { ...state.prices, [d.serviceCode]: [...(state.prices[d.serviceCode] ?? []), price] },
    };
  },
};

/**
 * The price of `serviceCode` in force on the local date `serviceDate`: the one with the latest
 * effective date not after it; of two from the same date, the one recorded later. Undefined when
 * none is in force yet.
 */
export function priceInForce(
  state: PriceListState,
  serviceCode: string,
  serviceDate: string,
): ServicePrice | undefined {
  let best: ServicePrice | undefined;
  for (const price of state.prices[serviceCode] ?? []) {
    if (price.effectiveFrom > serviceDate) continue;
    if (
      !best ||
      price.effectiveFrom > best.effectiveFrom ||
      (price.effectiveFrom === best.effectiveFrom && price.recorded > best.recorded)
    )
      best = price;
  }
  return best;
}
