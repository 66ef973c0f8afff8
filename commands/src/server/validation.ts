import { badRequest, type FieldError } from '@chartline/infra';
import type { z } from 'zod';

/** zod issues → one entry per offending field. zod messages name the expectation, never the value sent. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw badRequest('invalid-body', 'The body does not match the command.', fieldErrors(parsed.error));
  return parsed.data;
}
