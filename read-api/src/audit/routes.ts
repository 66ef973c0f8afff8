import { CHAIN_BREAKS, verifyChain } from '@chartline/events';
import { badRequest, notFound, StreamNotFound, verifyAgainstAnchor } from '@chartline/infra';
import type { Role } from '@chartline/kernel';
import { z } from 'zod';
import { count, entityId, hospitalId, isoInstant, PAGE_SIZE_DEFAULT, pageQuery, scalar } from '../server/inputs.js';
import { page } from '../server/page.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import { accessStreamId, staffAccessStreamId } from './access-log.js';
import { type AuditedEvent, envelopeShape } from './envelope-shape.js';
import { hospitalEvents } from './hospital-events.js';
import { AUDITABLE_AGGREGATES, foldAsOf } from './state-as-of.js';
import { assertStreamOfHospital, readHospitalStream, toAudited } from './stream-reads.js';

/** Only auditors read the raw history: it is everything, including who looked at whom. */
export const AUDITORS: readonly Role[] = ['auditor'];

const streamParams = z.strictObject({
  hospitalId,
  streamId: scalar(
    /^[a-z][A-Za-z0-9]*-[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9._:-]+$/,
    'Stream id: <aggregate>-<hospitalId>.<id>.',
    256,
  ),
});
const positionCursor = scalar(/^\d{1,15}$/, 'Opaque cursor from the previous page’s nextCursor.', 15).optional();

const verdictShape = z.union([
  z.object({ streamId: z.string(), ok: z.literal(true), events: z.number().int(), headHash: z.string() }),
  z.object({
    streamId: z.string(),
    ok: z.literal(false),
    firstBadRevision: z.number().int(),
    reason: z
      .enum(CHAIN_BREAKS)
      .describe(
        'Where the chain breaks: `altered` an event’s hash does not match its content; `removed-or-reordered` an event’s prevHash is not the previous hash (an event is missing or moved); `wrong-stream` an event names another stream; `chain-version-downgraded` an event uses an older hash version than one before it.',
      ),
  }),
]);

const truncatedShape = z.object({
  streamId: z.string(),
  anchoredRevision: z.number().int(),
  currentRevision: z.number().int().describe('-1 when no event of the stream is left.'),
  missingRevisions: z.object({ from: z.number().int(), to: z.number().int() }),
});
const mismatchedShape = z.object({
  streamId: z.string(),
  revision: z.number().int(),
  anchoredHash: z.string(),
  storedHash: z.string(),
});
const anchorVerdictShape = z.object({
  hospitalId: z.string(),
  status: z
    .enum(['ok', 'broken', 'invalid-signature', 'no-anchor', 'not-configured'])
    .describe(
      '`ok` every anchored head is still there; `broken` a stream was cut short or its head rewritten since the anchor (see truncated, mismatched); `invalid-signature` the latest anchor is forged or altered, nothing was compared; `no-anchor` no anchor of this hospital yet; `not-configured` this read API has no anchor store.',
    ),
  position: z.number().int().optional().describe('Event-store position the anchor covers.'),
  anchoredAt: z.string().optional(),
  keyId: z.string().optional(),
  streams: z.number().int().optional().describe('Streams the anchor holds.'),
  truncated: z.array(truncatedShape).optional(),
  mismatched: z.array(mismatchedShape).optional(),
});

export const auditRoutes: readonly ReadRoute[] = [
  defineRoute({
    id: 'listHospitalEvents',
    method: 'get',
    path: '/hospitals/:hospitalId/audit/events',
    summary: 'A hospital’s events in commit order, by time range (occurredAt), type and actor.',
    tag: 'audit',
    roles: AUDITORS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      from: isoInstant('Earliest occurredAt (inclusive)').optional(),
      to: isoInstant('Latest occurredAt (inclusive)').optional(),
      type: scalar(/^[a-z][a-z0-9]*\.[A-Za-z0-9]+$/, 'Event type, e.g. admissions.PatientAdmitted.').optional(),
      actorId: entityId('Actor id (the token subject that caused it).').optional(),
      limit: pageQuery.limit,
      cursor: positionCursor,
    }),
    response: page(envelopeShape),
    run: async ({ params, query }, deps) => ({
      body: await hospitalEvents(deps.eventStore, params.hospitalId, {
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        type: query.type,
        actorId: query.actorId,
        after: query.cursor ? Number(query.cursor) : 0,
        limit: query.limit || PAGE_SIZE_DEFAULT,
      }),
    }),
  }),
  defineRoute({
    id: 'listStreamEvents',
    method: 'get',
    path: '/hospitals/:hospitalId/audit/streams/:streamId/events',
    summary: 'One stream’s events with their full metadata (hashes, actor, correlation), oldest first.',
    tag: 'audit',
    roles: AUDITORS,
    params: streamParams,
    input: z.strictObject({ fromRevision: count('First revision (default 0).').optional(), limit: pageQuery.limit }),
    response: z.object({
      streamId: z.string(),
      events: z.array(envelopeShape),
      nextRevision: z.number().int().nullable().describe('Pass as fromRevision for the next page; null at the end.'),
    }),
    problems: [404],
    run: async ({ params, query }, deps) => {
      const limit = query.limit || PAGE_SIZE_DEFAULT;
      const records = await readHospitalStream(deps.eventStore, params.hospitalId, params.streamId, {
        fromRevision: query.fromRevision ?? 0,
        maxCount: limit + 1,
      });
      const events = records.slice(0, limit).map(toAudited) as AuditedEvent[];
      const next = records[limit];
      return { body: { streamId: params.streamId, events, nextRevision: next ? next.revision : null } };
    },
  }),
  defineRoute({
    id: 'verifyStream',
    method: 'get',
    path: '/hospitals/:hospitalId/audit/streams/:streamId/verification',
    summary: 'Verify a stream’s hash chain; names the first revision that was altered, removed or reordered.',
    description:
      'A rewrite of an event and every hash after it leaves a self-consistent chain: compare headHash with an anchored copy.',
    tag: 'audit',
    roles: AUDITORS,
    params: streamParams,
    input: z.strictObject({}),
    response: verdictShape,
    problems: [404],
    run: async ({ params }, deps) => {
      const records = await readHospitalStream(deps.eventStore, params.hospitalId, params.streamId);
      const verdict = verifyChain(records.map(toAudited));
      return { body: { streamId: params.streamId, ...verdict } };
    },
  }),
  defineRoute({
    id: 'verifyAnchoredHeads',
    method: 'get',
    path: '/hospitals/:hospitalId/audit/anchor-verification',
    summary:
      'Compare every stream head of the hospital with its latest signed anchor: truncation, rewritten heads, forged anchors.',
    description:
      'The chain of a stream cannot show events cut off its end. An anchoring run (`npm run anchor`) keeps signed ' +
      'checkpoints of every head outside the event store; this compares the store with the latest one.',
    tag: 'audit',
    roles: AUDITORS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({}),
    response: anchorVerdictShape,
    run: async ({ params }, deps) => {
      if (!deps.anchors) return { body: { hospitalId: params.hospitalId, status: 'not-configured' as const } };
      const anchor = await deps.anchors.store.latest(params.hospitalId);
      const verdict = await verifyAgainstAnchor(deps.eventStore, anchor, deps.anchors.publicKey);
      return { body: { hospitalId: params.hospitalId, ...verdict } };
    },
  }),
  defineRoute({
    id: 'getStreamStateAsOf',
    method: 'get',
    path: '/hospitals/:hospitalId/audit/streams/:streamId/state',
    summary: `State of a ${AUDITABLE_AGGREGATES.join(', ')} stream as of a time (recordedAt) or a revision, folded with the write side’s evolve.`,
    tag: 'audit',
    roles: AUDITORS,
    params: streamParams,
    input: z.strictObject({
      asOf: isoInstant('Fold the events recorded at or before this time').optional(),
      revision: count('Fold the events up to and including this revision').optional(),
    }),
    response: z.object({
      streamId: z.string(),
      revision: z.number().int(),
      position: z.number().int(),
      recordedAt: z.string(),
      state: z.record(z.string(), z.unknown()),
    }),
    problems: [404],
    run: async ({ params, query }, deps) => {
      if (query.asOf !== undefined && query.revision !== undefined) {
        throw badRequest('ambiguous-as-of', 'Give asOf or revision, not both.');
      }
      const { aggregate } = assertStreamOfHospital(params.streamId, params.hospitalId);
      if (!AUDITABLE_AGGREGATES.includes(aggregate)) {
        throw badRequest('not-auditable', `State can be folded for ${AUDITABLE_AGGREGATES.join(', ')} streams only.`);
      }
      const records = await readHospitalStream(deps.eventStore, params.hospitalId, params.streamId);
      const folded = foldAsOf(aggregate, records, query);
      if (!folded) throw notFound('The stream had no events by then.');
      return { body: { streamId: params.streamId, ...folded, state: folded.state as Record<string, unknown> } };
    },
  }),
  defineRoute({
    id: 'listPersonalDataAccess',
    method: 'get',
    path: '/hospitals/:hospitalId/audit/access-log',
    summary:
      'Who read which patient’s or staff member’s personal data, when and through which route (audit.PersonalDataAccessed and audit.StaffPersonalDataAccessed events).',
    tag: 'audit',
    roles: AUDITORS,
    params: z.strictObject({ hospitalId }),
    input: z
      .strictObject({
        patientId: entityId('Only this patient’s log.').optional(),
        staffId: entityId('Only this staff member’s log.').optional(),
        limit: pageQuery.limit,
        cursor: positionCursor,
      })
      .refine((q) => !(q.patientId && q.staffId), {
        path: ['staffId'],
        message: 'Give patientId or staffId, not both',
      }),
    response: page(envelopeShape),
    run: async ({ params, query }, deps) => {
      const limit = query.limit || PAGE_SIZE_DEFAULT;
      const after = query.cursor ? Number(query.cursor) : -1;
      const one = query.patientId
        ? accessStreamId(params.hospitalId, query.patientId)
        : query.staffId
          ? staffAccessStreamId(params.hospitalId, query.staffId)
          : undefined;
      if (one) {
        // One person's log is one stream: the cursor is a revision there.
        let records: Awaited<ReturnType<typeof deps.eventStore.readStream>> = [];
        try {
          records = await deps.eventStore.readStream(one, { fromRevision: after + 1, maxCount: limit + 1 });
        } catch (error) {
          if (!(error instanceof StreamNotFound)) throw error;
        }
        const items = records.slice(0, limit).map(toAudited) as AuditedEvent[];
        const last = items[items.length - 1];
        return { body: { items, nextCursor: records.length > limit && last ? String(last.revision) : null } };
      }
      const prefixOf = (stream: string) => stream.slice(0, -1);
      const records = await deps.eventStore.readAll({
        after: Math.max(after, 0),
        filter: {
          streamPrefixes: [
            prefixOf(accessStreamId(params.hospitalId, 'x')),
            prefixOf(staffAccessStreamId(params.hospitalId, 'x')),
          ],
        },
        maxCount: limit + 1,
      });
      const items = records.slice(0, limit).map(toAudited) as AuditedEvent[];
      const last = items[items.length - 1];
      return { body: { items, nextCursor: records.length > limit && last ? String(last.position) : null } };
    },
  }),
];
