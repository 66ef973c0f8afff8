import { ObjectId } from 'mongodb';
import { DuplicateKey } from '../errors.js';
import { indexName } from '../operators.js';
import type { Document, IndexSpec } from '../port.js';
import { encodeKey, getPath } from './copy.js';

interface UniqueIndex {
  readonly name: string;
  readonly fields: readonly string[];
  /** Encoded key → encoded _id of the document holding it. */
  readonly owners: Map<string, string>;
}

/**
 * The documents of one in-memory collection, in insertion order (MongoDB's natural order for a
 * fresh collection), with its unique indexes kept as maps so that each write is checked in O(1).
 * Every document stored here is owned by this object: callers pass and receive copies. A stored
 * document is never changed in place (a write stores a new version, sharing what did not change),
 * so the projection runtime may be lent its values as they are, sealed (`MemoryCollection.view`).
 */
export class CollectionData {
  readonly documents = new Map<string, Document>();
  readonly indexes = new Map<string, IndexSpec>([['_id_', { keys: { _id: 1 }, name: '_id_', unique: true }]]);
  private readonly unique: UniqueIndex[] = [];

  /** Mutable: a rename moves the data, and errors should name the collection it now is. */
  constructor(public name: string) {}

  /** Adds indexes; a unique one over documents that already clash is refused, as MongoDB does. */
  createIndex(spec: IndexSpec): void {
    const name = indexName(spec);
    if (this.indexes.has(name)) return;
    if (spec.unique) {
      const index: UniqueIndex = { name, fields: Object.keys(spec.keys), owners: new Map() };
      for (const [id, document] of this.documents) {
        const key = keyOf(index, document);
        if (index.owners.has(key)) throw new DuplicateKey(this.name, name);
        index.owners.set(key, id);
      }
      this.unique.push(index);
    }
    this.indexes.set(name, { ...spec, name });
  }

  /**
   * Stores a new document, which this object then owns (the caller's copy); gives it an ObjectId
   * when it has no _id. Throws DuplicateKey.
   */
  insert(document: Document, key?: string): void {
    const stored = idFirst(document);
    // `key`: the caller's `encodeKey(document._id)`, when it has it already.
    const id = key ?? encodeKey(stored._id);
    if (this.documents.has(id)) throw new DuplicateKey(this.name, '_id_');
    this.checkUnique(stored, undefined);
    this.documents.set(id, stored);
    this.indexUnique(stored, id);
  }

  /** Swaps a stored document for its new version (same _id), which this object then owns. Throws DuplicateKey. */
  replace(previous: Document, next: Document, key?: string): void {
    // `key`: the caller's `encodeKey(previous._id)`, when it has it already.
    const id = key ?? encodeKey(previous._id);
    // Each unique key of the new version once: checked, then moved only if it changed.
    const keys = this.unique.length === 0 ? undefined : this.unique.map((index) => keyOf(index, next));
    if (keys) for (let i = 0; i < keys.length; i++) this.checkKey(this.unique[i]!, keys[i]!, id);
    for (let i = 0; i < this.unique.length; i++) {
      const index = this.unique[i]!;
      const key = keys![i]!;
      const before = keyOf(index, previous);
      if (before === key) continue;
      index.owners.delete(before);
      index.owners.set(key, id);
    }
    this.documents.set(id, next);
  }

  remove(document: Document): void {
    this.unindexUnique(document);
    this.documents.delete(encodeKey(document._id));
  }

  private checkUnique(document: Document, ownId: string | undefined): void {
    for (const index of this.unique) this.checkKey(index, keyOf(index, document), ownId);
  }

  private checkKey(index: UniqueIndex, key: string, ownId: string | undefined): void {
    const owner = index.owners.get(key);
    if (owner !== undefined && owner !== ownId) throw new DuplicateKey(this.name, index.name);
  }

  private indexUnique(document: Document, id: string): void {
    for (const index of this.unique) index.owners.set(keyOf(index, document), id);
  }

  private unindexUnique(document: Document): void {
    for (const index of this.unique) index.owners.delete(keyOf(index, document));
  }
}

/** The document with `_id` first (MongoDB's order), itself when it already is. */
function idFirst(document: Document): Document {
  for (const first in document) {
    if (first === '_id' && document._id !== undefined) return document;
    break;
  }
  const { _id, ...fields } = document;
  return { _id: _id ?? new ObjectId(), ...fields };
}

function keyOf(index: UniqueIndex, document: Document): string {
  return index.fields.map((field) => encodeKey(getPath(document, field))).join('|');
}
