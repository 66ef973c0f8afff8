import type { Document, ReadStore } from '@chartline/infra';
import { LAB_CATALOGUE, LAB_ORDER_TESTS, LAB_ORDERS, type LabStage } from '@chartline/kernel';
import { findPage } from '../server/pagination.js';

export { LAB_CATALOGUE, LAB_ORDER_TESTS, LAB_ORDERS };

const MINUTE_MS = 60_000;
const RESULTED: readonly LabStage[] = ['awaiting_verification', 'final', 'amended', 'corrected'];

export const cataloguePage = (
  store: ReadStore,
  hospitalId: string,
  kind: 'test' | 'panel' | undefined,
  limit?: number,
  cursor?: string,
) =>
  findPage(store.collection(LAB_CATALOGUE), {
    filter: { hospitalId, ...(kind ? { kind } : {}) },
    sortField: 'code',
    order: 'asc',
    limit,
    cursor,
  });

/** A section's worklist (one stage, or all four), most urgent first: the earliest due at the top. */
export const worklistPage = (
  store: ReadStore,
  hospitalId: string,
  section: string | undefined,
  stages: readonly LabStage[],
  limit?: number,
  cursor?: string,
) =>
  findPage(store.collection(LAB_ORDER_TESTS), {
    filter: { hospitalId, ...(section ? { section } : {}), stage: { $in: [...stages] } },
    sortField: 'dueAt',
    order: 'asc',
    limit,
    cursor,
  });

/** A patient's results, newest specimen first; one test's over time when `testCode` is given. */
export const patientResultsPage = (
  store: ReadStore,
  hospitalId: string,
  patientId: string,
  testCode: string | undefined,
  limit?: number,
  cursor?: string,
) =>
  findPage(store.collection(LAB_ORDER_TESTS), {
    filter: { hospitalId, patientId, stage: { $in: [...RESULTED] }, ...(testCode ? { testCode } : {}) },
    sortField: 'orderedAt',
    order: 'desc',
    limit,
    cursor,
  });

/** Open critical results, oldest first. */
export const openCriticals = (store: ReadStore, hospitalId: string, wardId: string | undefined) =>
  store
    .collection(LAB_ORDER_TESTS)
    .find({ hospitalId, criticalOpen: true, ...(wardId ? { wardId } : {}) }, { sort: { orderedAt: 1 }, limit: 500 });

export const wardOrdersPage = (store: ReadStore, hospitalId: string, wardId: string, limit?: number, cursor?: string) =>
  findPage(store.collection(LAB_ORDERS), {
    filter: { hospitalId, wardId },
    sortField: 'orderedAt',
    order: 'desc',
    limit,
    cursor,
  });

export const orderWithTests = async (store: ReadStore, hospitalId: string, orderId: string) => {
  const order = await store.collection(LAB_ORDERS).findOne({ hospitalId, orderId });
  if (!order) return null;
  const tests = await store.collection(LAB_ORDER_TESTS).find({ hospitalId, orderId }, { sort: { testCode: 1 } });
  return { order, tests };
};

/**
 * The order streams' revisions of these orders (orderId → revision): what a command on the order
 * expects in `If-Match`, shown beside each test of a worklist or a critical result so a person's
 * write is refused (412) if the order moved on since they read it. One query per page.
 */
export async function orderRevisions(
  store: ReadStore,
  hospitalId: string,
  orderIds: readonly string[],
): Promise<Map<string, number>> {
  const unique = [...new Set(orderIds)];
  if (unique.length === 0) return new Map();
  const orders = await store.collection(LAB_ORDERS).find({ hospitalId, orderId: { $in: unique } });
  return new Map(orders.map((o) => [String(o.orderId), Number(o.revision)]));
}

/** Released results whose first release falls in [from, to), for turnaround statistics. */
export const releasedBetween = (store: ReadStore, hospitalId: string, from: string, to: string) =>
  store
    .collection(LAB_ORDER_TESTS)
    .find({ hospitalId, finalAt: { $gte: from, $lt: to } }, { sort: { finalAt: 1 }, limit: 20_000 });

/** Nearest-rank percentile (p in 0..100) of `values`; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

const minutesBetween = (from: unknown, to: unknown): number | null =>
  typeof from === 'string' && typeof to === 'string' ? (Date.parse(to) - Date.parse(from)) / MINUTE_MS : null;

const stat = (values: (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { p50: round(percentile(present, 50)), p90: round(percentile(present, 90)) };
};

/** p50/p90 of each step, per test and priority, and the share released within its target. */
export function turnaroundStatistics(items: readonly Document[]) {
  const groups = new Map<string, Document[]>();
  for (const item of items) {
    const key = `${item.testCode}|${item.priority}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()]
    .map((group) => {
      const first = group[0] as Document;
      const total = group.map((i) => minutesBetween(i.orderedAt, i.finalAt));
      return {
        testCode: String(first.testCode),
        testName: String(first.testName),
        priority: first.priority as 'routine' | 'urgent' | 'asap' | 'stat',
        count: group.length,
        withinTarget: group.filter(
          (i, n) => (total[n] ?? Number.POSITIVE_INFINITY) <= Number(i.turnaroundTargetMinutes),
        ).length,
        orderToCollection: stat(group.map((i) => minutesBetween(i.orderedAt, i.collectedAt))),
        collectionToReceipt: stat(group.map((i) => minutesBetween(i.collectedAt, i.receivedAt))),
        receiptToFinal: stat(group.map((i) => minutesBetween(i.receivedAt, i.finalAt))),
        orderToFinal: stat(total),
      };
    })
    .sort((a, b) => a.testCode.localeCompare(b.testCode) || a.priority.localeCompare(b.priority));
}
