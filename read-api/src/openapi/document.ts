import { type OpenApiDocument, type OpenApiOperation, openApiDocument } from '@chartline/infra';
import { z } from 'zod';
import type { ReadRoute } from '../server/route.js';
import type { StreamRoute } from '../server/stream-route.js';

const ETAG_HEADER = {
  description: 'Strong validator of the body; send it back in If-None-Match.',
  schema: { type: 'string' },
};

/** The /readyz body: each dependency's state, those failing (503) and those only degrading service. */
const readiness = z.object({
  status: z
    .enum(['ready', 'not ready'])
    .describe('`ready`: every blocking dependency answers; `not ready`: one does not (named under failing).'),
  checks: z
    .record(z.string(), z.enum(['up', 'down', 'timeout']))
    .describe('Per dependency: `up` answered, `down` refused or failed, `timeout` took too long.'),
  failing: z.array(z.string()).optional(),
  degraded: z.array(z.string()).optional(),
});

/** The routes every process serves without a token. */
export const operationalOperations: readonly OpenApiOperation[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    summary: 'Liveness.',
    tags: ['operations'],
    roles: [],
    responses: { '200': { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    summary:
      'Readiness: the read store and the event store answer. The cache is reported but does not block (reads fall back to the read store).',
    tags: ['operations'],
    roles: [],
    responses: {
      '200': { description: 'Ready (a cache that is down is listed under degraded)', schema: readiness },
      '503': { description: 'A store is unreachable: named under failing', schema: readiness },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics (text).',
    tags: ['operations'],
    roles: [],
    responses: { '200': { description: 'Prometheus text format', schema: z.string(), contentType: 'text/plain' } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This document.',
    tags: ['operations'],
    roles: [],
    responses: { '200': { description: 'OpenAPI 3.1', schema: z.object({ openapi: z.string() }).loose() } },
  },
];

export function readRouteOperation(route: ReadRoute): OpenApiOperation {
  const waits = route.modules !== undefined;
  return {
    method: route.method,
    path: route.path,
    operationId: route.id,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    roles: route.roles,
    params: route.params,
    ...(route.method === 'get' ? { query: route.input } : { body: route.input }),
    headers: [
      {
        name: 'If-None-Match',
        description: 'ETag of a copy you hold: 304 when unchanged.',
        schema: { type: 'string' },
      },
      ...(waits
        ? [
            {
              name: 'X-Consistency-Token',
              description:
                'Position a command returned: the read waits (up to 5 s) until the views include it, else 503 views-behind with Retry-After. A position beyond the event store’s last one is refused with 400.',
              schema: { type: 'string', pattern: '^\\d{1,15}$' },
            },
          ]
        : []),
    ],
    responses: {
      '200': { description: 'OK', schema: route.response, headers: { ETag: ETAG_HEADER } },
      '304': { description: 'Not modified (If-None-Match matched)', headers: { ETag: ETAG_HEADER } },
    },
    problems: [400, ...(route.problems ?? []), ...(route.method === 'post' ? [413, 415] : []), 503],
  };
}

/** A live stream: a `text/event-stream` answer whose events the description lists. */
export function streamOperation(route: StreamRoute): OpenApiOperation {
  return {
    method: 'get',
    path: route.path,
    operationId: route.id,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    roles: route.roles,
    params: route.params,
    responses: {
      '200': {
        description: 'Server-sent events (stays open)',
        schema: z.string().describe('`event: ready` / `event: changed` records; see the description.'),
        contentType: 'text/event-stream',
      },
    },
    problems: [400, 503],
  };
}

export function readApiDocument(routes: readonly ReadRoute[], streams: readonly StreamRoute[] = []): OpenApiDocument {
  return openApiDocument(
    {
      title: 'Chartline read API',
      version: '1',
      description:
        'Screens of the clinical apps (patients, bed board, census) and the auditors’ API. Every route is scoped to a hospital the token grants; roles are listed per operation as x-roles.',
    },
    [...operationalOperations, ...routes.map(readRouteOperation), ...streams.map(streamOperation)],
  );
}
