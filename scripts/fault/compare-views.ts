import { isDeepStrictEqual } from 'node:util';
import type { Document, ReadStore } from '@chartline/infra';

/** Where two copies of one view disagree: documents only one side has, and documents that differ. */
export interface ViewDifference {
  readonly view: string;
  readonly documents: { readonly live: number; readonly rebuilt: number };
  readonly onlyLive: readonly string[];
  readonly onlyRebuilt: readonly string[];
  readonly different: readonly { readonly id: string; readonly live: Document; readonly rebuilt: Document }[];
}

/** Where one copy of the views lives: a read store and the prefix of its collections. */
export interface ViewsAt {
  readonly store: ReadStore;
  readonly prefix: string;
}

/**
 * Compares every document of each view in two places, by `_id`, field by field (key order aside:
 * MongoDB keeps fields in the order the updates happened to write them).
 */
export async function compareViews(
  views: readonly string[],
  places: { readonly live: ViewsAt; readonly rebuilt: ViewsAt },
): Promise<ViewDifference[]> {
  const out: ViewDifference[] = [];
  for (const view of views) {
    const live = await byId(places.live.store, `${places.live.prefix}${view}`);
    const rebuilt = await byId(places.rebuilt.store, `${places.rebuilt.prefix}${view}`);
    const different: ViewDifference['different'][number][] = [];
    for (const [id, doc] of live) {
      const other = rebuilt.get(id);
      if (other && !isDeepStrictEqual(doc, other)) different.push({ id, live: doc, rebuilt: other });
    }
    out.push({
      view,
      documents: { live: live.size, rebuilt: rebuilt.size },
      onlyLive: [...live.keys()].filter((id) => !rebuilt.has(id)),
      onlyRebuilt: [...rebuilt.keys()].filter((id) => !live.has(id)),
      different,
    });
  }
  return out;
}

async function byId(readStore: ReadStore, collection: string): Promise<Map<string, Document>> {
  const docs = await readStore.collection(collection).find({}, { sort: { _id: 1 } });
  return new Map(docs.map((d) => [String(d['_id']), d]));
}
