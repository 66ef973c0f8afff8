import type { HospitalSettingsInForce } from '../hospitals/index.js';
import { localDate } from './dates.js';

/**
 * What the stock rules take from the hospital's settings in force (loaded with the command by the
 * pipeline, never read from a clock or a store by a decider): the local date in the hospital's
 * time zone at the command's instant, its currency, and the expiry-warning windows.
 */
export interface StockSettings {
  /** The hospital's local date at the command's instant (YYYY-MM-DD). */
  readonly today: string;
  /** ISO 4217: unit costs are minor units of it. */
  readonly currency: string;
  /** Days before expiry at which a lot is warned of, largest first (default 90, 60, 30). */
  readonly expiryWarningDays: readonly number[];
}

export const stockSettings = (at: string, settings: HospitalSettingsInForce): StockSettings => ({
  today: localDate(at, settings.timeZone),
  currency: settings.currency,
  expiryWarningDays: [...settings.stockExpiryWarningDays].sort((a, b) => b - a),
});
