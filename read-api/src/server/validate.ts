import { badRequest } from '@chartline/infra';
import type { z } from 'zod';

/**
 * Parses one part of a request with its strict schema. Field errors name where (`query.mrn`) and
 * what rule failed, never the value sent (it may be a patient's name).
 */
export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'path' | 'query' | 'body',
): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...issue.path, ...(keys.length === 1 ? keys : [])].map(String).join('.');
    return {
      field: path ? `${where}.${path}` : where,
      message: issue.code === 'unrecognized_keys' ? 'Unknown parameter' : issue.message,
    };
  });
  throw badRequest('invalid-request', `The ${where === 'path' ? 'path' : where} is invalid.`, errors);
}

const TOKEN = /^\d{1,15}$/;

/** The consistency token from `X-Consistency-Token` or `?after=` (the later of the two). */
export function consistencyToken(header: string | undefined, after: number | undefined): number | undefined {
  if (header !== undefined && !TOKEN.test(header.trim())) {
    throw badRequest('invalid-consistency-token', 'X-Consistency-Token must be a position a command returned.', [
      { field: 'header.x-consistency-token', message: 'Expected a non-negative integer' },
    ]);
  }
  const fromHeader = header === undefined ? undefined : Number(header.trim());
  if (fromHeader === undefined) return after;
  return after === undefined ? fromHeader : Math.max(fromHeader, after);
}
