import { z } from 'zod';

/** An event as auditors see it: the whole envelope, data exactly as stored (personal fields stay encrypted). */
export const envelopeShape = z.object({
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.number().int(),
  streamId: z.string(),
  revision: z.number().int(),
  position: z.number().int(),
  hospitalId: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: z.object({ id: z.string(), role: z.string() }),
  correlationId: z.string(),
  causationId: z.string(),
  traceparent: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
  chainVersion: z.number().int().describe('The hash rule that sealed the event (docs/events.md, “The hash chain”).'),
  data: z.record(z.string(), z.unknown()),
});
export type AuditedEvent = z.infer<typeof envelopeShape>;
