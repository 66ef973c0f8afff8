import { catalogue } from '@chartline/events';

/**
 * Every field name flagged `'chartline.personal': true` in any version of any event (givenName,
 * birthDate, nationalId, …): the logger redacts a field of that name wherever it appears. Derived,
 * so a personal field added to the catalogue is redacted without anyone remembering to.
 */
export function personalFieldNames(): ReadonlySet<string> {
  const names = new Set<string>();
  for (const definition of catalogue.all) {
    for (const version of definition.versions) {
      for (const field of version.fields) {
        if ((field as { 'chartline.personal'?: boolean })['chartline.personal']) names.add(field.name);
      }
    }
  }
  return names;
}
