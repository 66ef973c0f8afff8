/**
 * Whether a name can become a new module: it is a manifest key, a folder on every side, a Kafka
 * topic segment (`chartline.<name>.events.v1`), a Kubernetes name part (`projector-<name>`), a
 * `PROJECTOR_MODULE` value and a TypeScript identifier in the generated registries.
 */

const NAME = /^[a-z]+$/;
/** `projector-<name>` must stay a DNS label (63) with room for a process manager's name. */
export const MAX_LENGTH = 24;

/** Words that cannot name a namespace import (`import * as <name>`) in the generated registries. */
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(
    ' ',
  ),
);

export interface Existing {
  /** Modules the manifest already has. */
  readonly modules: readonly string[];
  /** Folders a module of this name would create that are already there (any side). */
  readonly takenFolders: readonly string[];
}

/** Null when `name` can be a new module, else what is wrong and what to do, in one sentence. */
export function problemWithName(name: string | undefined, existing: Existing): string | null {
  if (name === undefined || name === '') return 'name the module: npm run new-module <name> (e.g. lab)';
  if (!NAME.test(name))
    return `"${name}" is not a module name: use lowercase letters a-z only (it becomes a folder, a topic, a Kubernetes name and an identifier)`;
  if (name.length > MAX_LENGTH)
    return `"${name}" is too long: at most ${MAX_LENGTH} letters (Kubernetes names are short)`;
  if (RESERVED.has(name)) return `"${name}" is a reserved word in TypeScript: choose another name`;
  if (existing.modules.includes(name)) return `module "${name}" already exists in events/src/modules/manifest.ts`;
  if (existing.takenFolders.length > 0)
    return `"${name}" is taken: ${existing.takenFolders.join(', ')} already exists; choose another name`;
  return null;
}
