import { type AnyEventDefinition, catalogue, type EventCatalogue } from '../catalogue.js';
import { fixtureCatalogue } from './fixture-events.js';

/**
 * Every event version the tests must cover: the real catalogue's (it grows as modules land) and
 * the fixtures' (so the machinery is exercised even before a module has events).
 */
export function everyEventVersion(): { definition: AnyEventDefinition; version: number; catalogue: EventCatalogue }[] {
  return [catalogue, fixtureCatalogue].flatMap((cat) =>
    cat.all.flatMap((definition) =>
      definition.versions.map((_, i) => ({ definition, version: i + 1, catalogue: cat })),
    ),
  );
}
