import type { AllFilter } from '../port.js';

export function matchesFilter(streamId: string, type: string, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  const { streamPrefixes, eventTypePrefixes } = filter;
  if (streamPrefixes && !streamPrefixes.some((p) => streamId.startsWith(p))) return false;
  if (eventTypePrefixes && !eventTypePrefixes.some((p) => type.startsWith(p))) return false;
  return true;
}
