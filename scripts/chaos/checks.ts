import { isDeepStrictEqual } from 'node:util';
import { projectedModuleNames } from '@chartline/events';
import {
  DLQ_HEADERS,
  MasterKey,
  MemoryReadStore,
  openEventStore,
  openKeyStore,
  openMongoReadStore,
} from '@chartline/infra';
import { projections, rebuildModule, revealWith } from '@chartline/projections';
import kafkajs from 'kafkajs';
import { commandIdFrom, idempotencyScope } from '../../commands/src/server/request-context.js';
import { compareViews } from '../fault/compare-views.js';
import { type ExecutionJudgement, judgeExecutions } from './executions.js';
import type { SentCommand } from './workload.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The token subject the generator's tokens carry for a role (scripts/generate/tokens.ts). */
const subjectOf = (role: string) => `generator-${role.replaceAll('_', '-')}`;

export interface StoreCheck extends ExecutionJudgement {
  readonly events: number;
  readonly commandsOk: number;
}

/**
 * Every command answered 2xx is in the event store, executed once, with exactly the events its
 * answer named (its events carry the causation id the command API derives from the caller's
 * Idempotency-Key); every one never answered 2xx is there once or not at all; no command — the
 * process managers' included — was executed twice (see executions.ts for how that is told).
 */
export async function checkStore(storeUrl: string, sent: readonly SentCommand[]): Promise<StoreCheck> {
  const store = await openEventStore(storeUrl);
  try {
    const events = await store.readAll();
    const stored = events.flatMap((e) => {
      const causationId = e.metadata['causationId'];
      return typeof causationId === 'string'
        ? [{ causationId, type: e.type, streamId: e.streamId, recordedAt: e.recordedAt }]
        : [];
    });
    const idOf = (c: SentCommand) =>
      commandIdFrom(idempotencyScope(c.step.hospitalId, subjectOf(c.step.role)), c.idempotencyKey);
    const judged = judgeExecutions(
      stored,
      sent
        .filter((c) => c.outcome === 'ok' || c.outcome === 'gave-up')
        .map((c) => ({
          commandId: idOf(c),
          name: `${c.step.module}/${c.step.command}`,
          answeredEvents: c.outcome === 'ok' ? (c.events ?? []) : undefined,
        })),
    );
    return { events: events.length, commandsOk: sent.filter((c) => c.outcome === 'ok').length, ...judged };
  } finally {
    await store.close();
  }
}

export interface RelayCheck {
  readonly storeEvents: number;
  readonly kafkaMessages: number;
  readonly distinctEventIds: number;
  readonly republished: number;
  readonly missing: number;
  readonly caughtUpMs: number | null;
}

/** Kafka holds every event of the store (by event id), however often the relay re-published some. */
export async function checkRelay(storeUrl: string, brokers: string, timeoutMs: number): Promise<RelayCheck> {
  const store = await openEventStore(storeUrl);
  const started = Date.now();
  try {
    const ids = new Set((await store.readAll()).map((e) => e.eventId));
    for (;;) {
      const { messages, distinct } = await readEventIds(brokers);
      const missing = [...ids].filter((id) => !distinct.has(id)).length;
      if (missing === 0 || Date.now() - started > timeoutMs) {
        return {
          storeEvents: ids.size,
          kafkaMessages: messages,
          distinctEventIds: distinct.size,
          republished: messages - distinct.size,
          missing,
          caughtUpMs: missing === 0 ? Date.now() - started : null,
        };
      }
      await sleep(2000);
    }
  } finally {
    await store.close();
  }
}

async function readEventIds(brokers: string): Promise<{ messages: number; distinct: Set<string> }> {
  const distinct = new Set<string>();
  let messages = 0;
  await readTopics(
    brokers,
    (t) => /^chartline\.[a-z]+\.events\.v1$/.test(t),
    (headers) => {
      messages++;
      const id = headers['eventId'];
      if (id) distinct.add(id);
    },
  );
  return { messages, distinct };
}

/** Every message of the topics `which` picks, from the start to their end now, headers only. */
async function readTopics(
  brokers: string,
  which: (topic: string) => boolean,
  onMessage: (headers: Readonly<Record<string, string>>, topic: string) => void,
): Promise<void> {
  const kafka = new kafkajs.Kafka({ brokers: brokers.split(','), logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter(which);
  const ends = new Map<string, number>();
  for (const topic of topics)
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  await admin.disconnect();
  const remaining = new Set([...ends].filter(([, high]) => high > 0).map(([k]) => k));
  if (remaining.size === 0) return;
  const consumer = kafka.consumer({ groupId: `chaos-check-${Date.now()}-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('reading the topics took over 60 s')), 60_000);
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {}))
          if (value !== undefined) headers[name] = String(Array.isArray(value) ? value.at(-1) : value);
        onMessage(headers, topic);
        if (Number(message.offset) + 1 >= (ends.get(`${topic}/${partition}`) ?? 0))
          remaining.delete(`${topic}/${partition}`);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  }).finally(() => consumer.disconnect());
}

export interface DeadLetterCheck {
  readonly parked: number;
  /** By dead-letter topic, the parked events' type and reason (rule codes and error names: PHI-free). */
  readonly byReason: Readonly<Record<string, number>>;
}

/**
 * Nothing parked on a dead-letter topic (`*.dlq`): a server's fault is waited out, never a reason
 * to park an event (a parked charge is a service given and not billed until someone replays it).
 */
export async function checkDeadLetters(brokers: string): Promise<DeadLetterCheck> {
  const byReason: Record<string, number> = {};
  let parked = 0;
  await readTopics(
    brokers,
    (t) => t.endsWith('.dlq'),
    (headers, topic) => {
      parked++;
      const key = `${topic} ${headers['type'] ?? '?'}: ${headers[DLQ_HEADERS.reason] ?? '?'}`;
      byReason[key] = (byReason[key] ?? 0) + 1;
    },
  );
  return { parked, byReason };
}

export interface ViewsCheck {
  readonly documents: Readonly<Record<string, number>>;
  readonly differences: number;
  /** Up to 20 of them: view, document id and the fields that differ (names only: values may be personal). */
  readonly examples: readonly string[];
  readonly convergedMs: number | null;
}

/** The top-level fields in which two documents differ, by name. */
function differingFields(live: Record<string, unknown>, rebuilt: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(live), ...Object.keys(rebuilt)]);
  return [...names].filter((n) => !isDeepStrictEqual(live[n], rebuilt[n]));
}

function examplesOf(diff: Awaited<ReturnType<typeof compareViews>>): string[] {
  return diff
    .flatMap((d) => [
      ...d.onlyLive.map((id) => `${d.view} ${id}: only in the live views`),
      ...d.onlyRebuilt.map((id) => `${d.view} ${id}: only in the clean rebuild`),
      ...d.different.map((x) => `${d.view} ${x.id}: differs in ${differingFields(x.live, x.rebuilt).join(', ')}`),
    ])
    .slice(0, 20);
}

/** The live views equal a clean rebuild of the store (through the same handlers, in memory), within `timeoutMs`. */
export async function checkViews(env: Readonly<Record<string, string>>, timeoutMs: number): Promise<ViewsCheck> {
  const store = await openEventStore(env['EVENT_STORE_URL']!);
  const keys = await openKeyStore(env['KEY_STORE_URL']!, MasterKey.parse(env['PERSONAL_DATA_MASTER_KEY']!));
  const live = await openMongoReadStore(env['MONGODB_URL']!);
  const started = Date.now();
  try {
    const clean = new MemoryReadStore();
    for (const module of projectedModuleNames)
      await rebuildModule({ store, readStore: clean, reveal: revealWith(keys) }, module);
    const views = projectedModuleNames.flatMap((m) => projections[m].views.map((v) => v.name));
    for (;;) {
      const diff = await compareViews(views, {
        live: { store: live, prefix: '' },
        rebuilt: { store: clean, prefix: '' },
      });
      const differences = diff.reduce((n, d) => n + d.onlyLive.length + d.onlyRebuilt.length + d.different.length, 0);
      if (differences === 0 || Date.now() - started > timeoutMs) {
        return {
          documents: Object.fromEntries(diff.map((d) => [d.view, d.documents.rebuilt])),
          differences,
          examples: examplesOf(diff),
          convergedMs: differences === 0 ? Date.now() - started : null,
        };
      }
      await sleep(2000);
    }
  } finally {
    await Promise.allSettled([store.close(), keys.close(), live.close()]);
  }
}
