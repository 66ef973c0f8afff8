import type { EventDefinition } from '@chartline/events';

/** Personal fields as declared by one schema version (old events are decrypted by their own version). */
export function personalFieldsOfVersion(definition: EventDefinition, version: number): readonly string[] {
  if (version === definition.currentVersion) return definition.personalFields;
  const schema = definition.versions[version - 1];
  return schema ? schema.fields.filter((f) => f['chartline.personal'] === true).map((f) => f.name) : [];
}
