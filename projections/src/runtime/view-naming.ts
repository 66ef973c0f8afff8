/**
 * Which collection holds a view. Live projectors write `<prefix><view>`; a rebuild writes the same
 * views under a fresh suffix (`<prefix><view>__<stamp>`) and renames them over the live ones when
 * caught up (blue/green), so the read API only ever reads `<prefix><view>`.
 */
export interface ViewNaming {
  collection(view: string): string;
}

export function liveNaming(prefix = ''): ViewNaming {
  return { collection: (view) => `${prefix}${view}` };
}

export function rebuildNaming(suffix: string, prefix = ''): ViewNaming {
  return { collection: (view) => `${prefix}${view}__${suffix}` };
}

/** Collection of the per-hospital positions; shared by live projectors and rebuilds, never renamed. */
export const PROJECTOR_POSITIONS = 'projector_positions';
