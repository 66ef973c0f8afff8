import { catalogue, type ProjectedModuleName } from '@chartline/events';
import type { EventNameOf, EventOf } from './event-data.js';
import type { Handler, Projection, ProjectionContext, ViewSpec } from './projection.js';

/** A handler of `<module>.<name>`, with the event's data typed by its schema. */
export type HandlerOf<M extends ProjectedModuleName, N extends EventNameOf<M>, V extends string = string> = (
  event: EventOf<M, N>,
  ctx: ProjectionContext<V>,
) => Promise<void>;

/** An event the projection deliberately does not apply, and why (the reason is the review's evidence). */
export interface Ignored {
  readonly ignored: string;
}

/** Marks an event as deliberately not projected; `reason` says why no read model needs it. */
export const ignore = (reason: string): Ignored => ({ ignored: reason });

const isIgnored = (entry: unknown): entry is Ignored =>
  typeof entry === 'object' && entry !== null && typeof (entry as Ignored).ignored === 'string';

/** One entry per event of the module, no more, no fewer: a missing or misspelt name does not compile. */
export type HandlersOf<M extends ProjectedModuleName, V extends string = string> = {
  readonly [N in EventNameOf<M>]: HandlerOf<M, N, V> | Ignored;
};

/** The names of `H` that have a handler (not `ignore`d). */
export type HandledNames<H> = { [N in keyof H]: H[N] extends Ignored ? never : N }[keyof H] & string;

/** A projection written with `defineProjection`: what the runtime runs, plus what the specs check. */
export interface DefinedProjection<
  M extends ProjectedModuleName,
  H extends HandlersOf<M, string>,
  V extends string = string,
> extends Projection {
  readonly module: M;
  readonly views: readonly ViewSpec<V>[];
  /** Events with a handler, in catalogue order: each must have a projection spec. */
  readonly handled: readonly HandledNames<H>[];
  /** Events deliberately not projected, with the reason. */
  readonly ignored: Readonly<Partial<Record<EventNameOf<M>, string>>>;
}

/**
 * A module's projection keyed by the module's event names (from the event catalogue): every event
 * has a handler or an explicit `ignore(reason)`, checked by the compiler and again here (for a
 * catalogue that grew after a cast). Handlers write only through the context, whose `write`
 * carries the position guard.
 */
export function defineProjection<
  M extends ProjectedModuleName,
  const V extends string,
  const H extends HandlersOf<M, NoInfer<V>>,
>(definition: {
  readonly module: M;
  readonly views: readonly ViewSpec<V>[];
  /** `never` for any name that is not an event of the module, so a misspelt extra entry does not compile. */
  readonly handlers: H & { readonly [K in Exclude<keyof H, EventNameOf<M>>]: never };
}): DefinedProjection<M, H, V> {
  const { module, views, handlers } = definition;
  const names = catalogue.ofModule(module).map((d) => d.name);
  const given = Object.keys(handlers);
  const missing = names.filter((n) => !given.includes(n));
  const unknown = given.filter((n) => !names.includes(n));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `projection ${module}: ${[
        missing.length > 0 ? `no handler or ignore for ${missing.join(', ')}` : '',
        unknown.length > 0 ? `not events of the module: ${unknown.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}`,
    );
  }
  const run: Record<string, Handler> = {};
  const handled: string[] = [];
  const ignored: Record<string, string> = {};
  for (const name of names) {
    const entry = (handlers as Record<string, unknown>)[name];
    if (isIgnored(entry)) ignored[name] = entry.ignored;
    else {
      run[name] = entry as Handler;
      handled.push(name);
    }
  }
  return {
    module,
    views,
    handlers: run,
    handled: handled as HandledNames<H>[],
    ignored: ignored as DefinedProjection<M, H, V>['ignored'],
  };
}
