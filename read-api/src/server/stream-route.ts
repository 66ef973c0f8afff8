import type { ProjectedModuleName } from '@chartline/events';
import { type ProjectionAnnouncement, serviceUnavailable } from '@chartline/infra';
import type { Role } from '@chartline/kernel';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { parsePart } from './validate.js';

/**
 * A live stream of one hospital's view changes as server-sent events (`text/event-stream`). It
 * carries no data of the views, only "view X changed up to position P": the client reads the view
 * again through its ordinary (cached, access-logged) route. The change notifications are the
 * projectors' announcements on the cache's pub/sub (Redis in production, in-process embedded), the
 * same signal that wakes reads waiting for a consistency token — see docs/architecture.md.
 */
export interface StreamRoute {
  readonly id: string;
  /** Express path; always under `/hospitals/:hospitalId/`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly roles: readonly Role[];
  readonly params: z.ZodObject;
  /** Views (cache-generation names) whose change is sent. */
  readonly views: readonly string[];
  /** Modules whose projectors write those views (an announcement that names no views counts). */
  readonly modules: readonly ProjectedModuleName[];
}

export interface StreamOptions {
  /** A comment line this often keeps proxies (the Ingress, the console's server) from timing out. */
  readonly heartbeatMs: number;
  /**
   * The server ends a stream after this long and the client reconnects with its current token, so
   * an expired token, a narrowed grant or a suspended hospital stops the stream within this time.
   */
  readonly lifetimeMs: number;
  /** What the client waits before reconnecting (the SSE `retry:` field). */
  readonly retryMs: number;
}

const NO_QUERY = z.strictObject({});

export const DEFAULT_STREAM_OPTIONS: StreamOptions = { heartbeatMs: 20_000, lifetimeMs: 5 * 60_000, retryMs: 2_000 };

export type AnnouncementSource = (listener: (announcement: ProjectionAnnouncement) => void) => () => void;

/** What a `changed` event's data says. */
export interface StreamChange {
  readonly position: number;
  readonly views: readonly string[];
}

/** Whether an announcement concerns this stream of this hospital, and which of its views changed. */
export function changeOf(
  route: Pick<StreamRoute, 'views' | 'modules'>,
  hospitalId: string,
  announcement: ProjectionAnnouncement,
): StreamChange | undefined {
  if (announcement.hospitalId !== hospitalId) return undefined;
  if (!(route.modules as readonly string[]).includes(announcement.module)) return undefined;
  const views = announcement.views ? announcement.views.filter((v) => route.views.includes(v)) : [...route.views];
  return views.length > 0 ? { position: announcement.position, views } : undefined;
}

/**
 * Runs after the same chain as every read route (auth → hospital → served → grants → role). Without
 * a source of announcements (no cache with pub/sub) it answers 503, and the console polls instead.
 */
export function streamHandler(
  route: StreamRoute,
  listen: AnnouncementSource | undefined,
  options: StreamOptions,
): RequestHandler {
  return (req, res) => {
    const { hospitalId } = parsePart(route.params, req.params, 'path') as { hospitalId: string };
    // No query parameters: an unknown one is refused as on every read route.
    parsePart(NO_QUERY, req.query, 'query');
    if (!listen) throw serviceUnavailable('Live updates are not available here; read the view again instead.', 30);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    // nginx (the Ingress) would otherwise buffer the stream.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    // `ready` on every (re)connection: the client reads the view once, covering what it missed.
    res.write(`retry: ${options.retryMs}\nevent: ready\ndata: {}\n\n`);
    const stopListening = listen((announcement) => {
      const change = changeOf(route, hospitalId, announcement);
      if (change) res.write(`event: changed\ndata: ${JSON.stringify(change)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': still here\n\n'), options.heartbeatMs);
    const lifetime = setTimeout(() => res.end(), options.lifetimeMs);
    const stop = () => {
      stopListening();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
    };
    res.on('close', stop);
  };
}
