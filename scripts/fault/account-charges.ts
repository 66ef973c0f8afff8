/**
 * Billing's charges per account, as the fault test of charge capture compares them: every
 * `billing.ChargeCaptured` of a store reduced to what the account is charged — the charge id, its
 * source (the clinical event, or the stay and night of a bed-day), service, quantity, amounts and
 * service date — without the capture's own clock (`capturedAt`), which a replay cannot repeat.
 */
export interface StoredEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const FIELDS = [
  'chargeId',
  'source',
  'sourceId',
  'serviceCode',
  'quantity',
  'unitPrice',
  'netAmount',
  'taxAmount',
  'totalAmount',
  'currency',
  'serviceDate',
] as const;

/** Each account's charges as sorted lines, one per `ChargeCaptured` (a charge captured twice is two lines). */
export function chargesByAccount(events: readonly StoredEvent[]): Map<string, string[]> {
  const accounts = new Map<string, string[]>();
  for (const e of events) {
    if (e.type !== 'billing.ChargeCaptured') continue;
    const accountId = String(e.data['accountId']);
    const line = FIELDS.map((f) => `${f}=${String(e.data[f])}`).join(' ');
    accounts.set(accountId, [...(accounts.get(accountId) ?? []), line]);
  }
  for (const lines of accounts.values()) lines.sort();
  return accounts;
}

/**
 * What a run charged that the clean replay did not (`doubled or extra`), and what the replay charged
 * that the run did not (`lost`), per account and line. Empty when every account matches exactly.
 */
export function chargeDifferences(
  run: ReadonlyMap<string, readonly string[]>,
  clean: ReadonlyMap<string, readonly string[]>,
): string[] {
  const differences: string[] = [];
  for (const accountId of new Set([...run.keys(), ...clean.keys()])) {
    const left = new Map<string, number>();
    for (const line of clean.get(accountId) ?? []) left.set(line, (left.get(line) ?? 0) + 1);
    for (const line of run.get(accountId) ?? []) {
      const n = left.get(line) ?? 0;
      if (n === 0) differences.push(`account ${accountId}: doubled or extra: ${line}`);
      else left.set(line, n - 1);
    }
    for (const [line, n] of left) {
      for (let i = 0; i < n; i++) differences.push(`account ${accountId}: lost: ${line}`);
    }
  }
  return differences;
}
