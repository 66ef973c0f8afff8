import { z } from 'zod';

/**
 * OpenAPI 3.1 from the zod schemas that validate: each API describes its routes as operations
 * (path, roles, params, query, body, responses), and the document is derived from the very
 * schemas the handlers parse with, so it cannot drift from what the server accepts. OpenAPI 3.1
 * uses JSON Schema 2020-12, which is what `z.toJSONSchema` emits.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type JsonSchema = { [key: string]: unknown };

export interface OperationHeader {
  readonly name: string;
  readonly description: string;
  readonly schema: JsonSchema;
  readonly required?: boolean;
}

export interface OperationResponse {
  readonly description: string;
  /** JSON body schema; absent for bodiless answers (304). */
  readonly schema?: z.ZodType;
  /** Default application/json. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema: JsonSchema }>>;
}

export interface OpenApiOperation {
  readonly method: HttpMethod;
  /** Express path, e.g. `/hospitals/:hospitalId/patients/:patientId`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  /** Roles a token must carry; listed as `x-roles`. Empty = no authentication. */
  readonly roles: readonly string[];
  /** A z.object of the path parameters. */
  readonly params?: z.ZodObject;
  /** A z.object of the query parameters (scalar strings). */
  readonly query?: z.ZodObject;
  readonly headers?: readonly OperationHeader[];
  readonly body?: z.ZodType;
  /** By status code ('200', '304', …). Problem answers (4xx/5xx) are added from `problems`. */
  readonly responses: Readonly<Record<string, OperationResponse>>;
  /** Problem statuses this operation may answer with (401/403 are added for authenticated routes). */
  readonly problems?: readonly number[];
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

export type OpenApiDocument = JsonSchema & {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, JsonSchema>>;
};

/** `/a/:b/c` → `/a/{b}/c`. */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** A zod schema as an inline JSON Schema 2020-12 (no `$schema` key inside a document). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    // A number parsed from query text declares itself an integer (meta): the text rules go.
    override: ({ jsonSchema }) => {
      if (jsonSchema.type === 'integer' || jsonSchema.type === 'number') {
        delete jsonSchema.pattern;
        delete jsonSchema.minLength;
        delete jsonSchema.maxLength;
        delete jsonSchema.anyOf;
      }
    },
  }) as JsonSchema;
  return rest;
}

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    rule: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid request (problem+json, with field errors)',
  401: 'Missing or invalid bearer token',
  403: 'The token’s role or hospitals do not allow this (role-not-allowed, hospital-not-allowed), or the hospital is not served: hospital-not-registered (a platform administrator registers it first), hospital-suspended (until reactivated)',
  404: 'Not found',
  409: 'A domain rule or a concurrent change refused it',
  412: 'If-Match does not match the current revision',
  413: 'Body too large',
  415: 'Body is not JSON',
  422: 'Idempotency-Key reused for a different request',
  429: 'This caller made too many requests in the window; retry after Retry-After seconds',
  503: 'A dependency is unavailable; retry after Retry-After seconds',
};

function parametersOf(where: 'path' | 'query', shape: z.ZodObject | undefined): JsonSchema[] {
  if (!shape) return [];
  const schema = jsonSchemaOf(shape, 'input');
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function operationObject(op: OpenApiOperation): JsonSchema {
  const authenticated = op.roles.length > 0;
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(op.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers ? { headers: response.headers } : {}),
      ...(response.schema
        ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchemaOf(response.schema) } } }
        : {}),
    };
  }
  // Authenticated operations are rate-limited per caller (infra/src/http/rate-limit.ts).
  const problems = new Set([...(authenticated ? [401, 403, 429] : []), ...(op.problems ?? [])]);
  for (const status of [...problems].sort()) {
    responses[String(status)] = {
      description: PROBLEM_TEXT[status] ?? 'Problem',
      ...(status === 503 || status === 429
        ? { headers: { 'Retry-After': { description: 'Seconds', schema: { type: 'string' } } } }
        : {}),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.tags ? { tags: [...op.tags] } : {}),
    ...(authenticated ? { security: [{ bearerAuth: [] }], 'x-roles': [...op.roles] } : { security: [] }),
    parameters: [
      ...parametersOf('path', op.params),
      ...parametersOf('query', op.query),
      ...(op.headers ?? []).map((h) => ({
        name: h.name,
        in: 'header',
        required: h.required ?? false,
        description: h.description,
        schema: h.schema,
      })),
    ],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(op.body, 'input') } } } }
      : {}),
    responses,
  };
}

export function openApiDocument(info: OpenApiInfo, operations: readonly OpenApiOperation[]): OpenApiDocument {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    const path = openApiPath(op.path);
    paths[path] ??= {};
    const item = paths[path];
    if (item[op.method]) throw new Error(`openapi: ${op.method.toUpperCase()} ${op.path} is declared twice`);
    item[op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { ...info },
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
