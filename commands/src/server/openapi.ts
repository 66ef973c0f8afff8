import { type OpenApiDocument, type OpenApiOperation, openApiDocument } from '@chartline/infra';
import { z } from 'zod';
import { type CommandRouteInfo, commandRoutes } from './app.js';
import type { CommandModule } from './command-module.js';
import { WITNESS_HEADER, WITNESS_REFUSALS } from './witness.js';

/** What every command answers with: the stream written, its new revision and the consistency token. */
const commandResult = z.object({
  streamId: z.string(),
  id: z
    .string()
    .describe(
      'Id of the entity the command acted on (made by the server for a new one: a patient, ward, bed or stay).',
    ),
  revision: z.number().int(),
  position: z.number().int().describe('Consistency token: send as X-Consistency-Token to the read API.'),
  events: z.array(z.string()).describe('Types of the events appended, in order.'),
});

const resultHeaders = {
  ETag: { description: 'The primary stream’s revision; send as If-Match next time.', schema: { type: 'string' } },
  'X-Consistency-Token': { description: 'Position written; the read API waits for it.', schema: { type: 'string' } },
};

const plain = (path: string, operationId: string, summary: string, schema: z.ZodType): OpenApiOperation => ({
  method: 'get',
  path,
  operationId,
  summary,
  tags: ['operations'],
  roles: [],
  responses: { '200': { description: 'OK', schema } },
});

/** The answer of a command that names what it made inside another record's stream (CommandSpec.created). */
function resultOf(route: CommandRouteInfo): z.ZodType {
  const created = route.spec.created as Readonly<Record<string, string>> | undefined;
  if (created === undefined) return commandResult;
  return commandResult.extend({
    created: z
      .strictObject(
        Object.fromEntries(Object.entries(created).map(([field, what]) => [field, z.uuid().describe(what)])),
      )
      .describe('Ids of what the command made (the primary stream’s own id is `id`), for the next command about it.'),
  });
}

function commandOperation(route: CommandRouteInfo): OpenApiOperation {
  const result = resultOf(route);
  return {
    method: route.method,
    path: route.path,
    operationId: `${route.module}.${route.spec.name}`,
    summary: route.spec.summary,
    tags: [route.module],
    roles: route.spec.roles,
    params: z.strictObject({
      hospitalId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .describe('Hospital id.'),
    }),
    body: route.spec.body,
    headers: [
      {
        name: 'Idempotency-Key',
        required: true,
        description: 'A repeat with the same key returns the first answer and appends nothing.',
        schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
      },
      {
        name: 'If-Match',
        description:
          'Expected revision of the primary stream: the ETag a command answered with, quoted ("3"; W/"3" accepted). A mismatch is 412.',
        schema: { type: 'string', pattern: '^(W/)?"\\d{1,15}"$' },
      },
      ...(route.spec.witness
        ? [
            {
              name: WITNESS_HEADER,
              description: `The witness's own bearer token ("Bearer <token>"), verified like Authorization: a second person (never the sender: 409 witness-is-issuer) of this hospital holding one of ${route.spec.witness.roles.join(', ')} (after HR's grants). Refused with 403 naming the rule: ${Object.keys(WITNESS_REFUSALS).join(', ')}; a malformed header is 400 invalid-witness-authorization. The witness's subject and acting role are recorded in the events.`,
              schema: { type: 'string', pattern: '^Bearer [A-Za-z0-9_.-]+$' },
            },
          ]
        : []),
    ],
    responses: {
      '200': { description: 'Done (the stream existed)', schema: result, headers: resultHeaders },
      '201': { description: 'Done (the stream was created)', schema: result, headers: resultHeaders },
    },
    problems: route.spec.witness
      ? [400, 403, 404, 409, 412, 413, 415, 422, 503]
      : [400, 404, 409, 412, 413, 415, 422, 503],
  };
}

/** The command API's OpenAPI 3.1 document, from the same CommandSpec zod bodies that validate. */
export function commandApiDocument(modules: readonly CommandModule[]): OpenApiDocument {
  return openApiDocument(
    {
      title: 'Chartline command API',
      version: '1',
      description: 'One POST per command; roles per operation are listed as x-roles.',
    },
    [
      plain('/healthz', 'healthz', 'Liveness.', z.object({ status: z.string() })),
      plain(
        '/readyz',
        'readyz',
        'Readiness: the event, idempotency and key stores answer (503 naming those that do not, under failing).',
        z.object({
          status: z
            .enum(['ready', 'not ready'])
            .describe('`ready`: every blocking dependency answers; `not ready`: one does not (named under failing).'),
          checks: z
            .record(z.string(), z.enum(['up', 'down', 'timeout']))
            .describe('Per dependency: `up` answered, `down` refused or failed, `timeout` took too long.'),
          failing: z.array(z.string()).optional(),
        }),
      ),
      {
        ...plain('/metrics', 'metrics', 'Prometheus metrics (text exposition format 0.0.4).', z.string()),
        responses: { '200': { description: 'Prometheus text format', schema: z.string(), contentType: 'text/plain' } },
      },
      plain('/openapi.json', 'openapi', 'This document.', z.object({ openapi: z.string() }).loose()),
      ...commandRoutes(modules).map(commandOperation),
    ],
  );
}
