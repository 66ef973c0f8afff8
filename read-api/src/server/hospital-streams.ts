import { catalogue, streamPrefix } from '@chartline/events';

/**
 * Stream-id prefixes of one hospital's streams, one per aggregate in the catalogue
 * (`patient-h1.`, `stay-h1.`, …). The `.` ends the hospital id, so `h1` never matches `h10`.
 */
export function hospitalStreamPrefixes(hospitalId: string): string[] {
  const aggregates = [...new Set(catalogue.all.map((definition) => definition.aggregate))].sort();
  return aggregates.map((aggregate) => streamPrefix(aggregate, hospitalId));
}
