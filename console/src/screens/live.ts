import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { openStream } from '../api/live.js';
import { useSession } from '../session/session.js';

/** `live`: the stream is open; `lost`: reconnecting; `polling`: live updates refused, reading every 5 s. */
export type LiveState = 'live' | 'lost' | 'polling' | 'off';

/** How long a reconnection may take before the board says live updates are paused. */
const QUIET_RECONNECT_MS = 4_000;
const POLL_MS = 5_000;

/**
 * The live bed board: the read API's server-sent events (`/bed-board/changes`) say when the
 * hospital's board changed, and the visible board is read again — a read the generation-keyed
 * cache answers for every other open board of that ward, so no client polls the database. Where
 * the stream is refused (no live updates there, or the session ended), the board falls back to a
 * read every 5 s while the tab is visible.
 */
export function useLiveBoard(wardId: string | undefined): LiveState {
  const { api, hospitalId } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('off');
  useEffect(() => {
    if (!wardId) return;
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: ['admissions', hospitalId, 'beds'] });
      void queryClient.invalidateQueries({ queryKey: ['admissions', hospitalId, 'wards'] });
    };
    let poll: ReturnType<typeof setInterval> | undefined;
    let paused: ReturnType<typeof setTimeout> | undefined;
    const source = openStream('/hospitals/{hospitalId}/bed-board/changes', hospitalId, api.token);
    // On every (re)connection: read once, covering whatever changed while disconnected.
    source.addEventListener('ready', () => {
      clearTimeout(paused);
      paused = undefined;
      setState('live');
      refresh();
    });
    source.addEventListener('changed', refresh);
    source.addEventListener('error', () => {
      if (source.readyState === source.CLOSED) {
        clearTimeout(paused);
        setState('polling');
        poll ??= setInterval(() => {
          if (document.visibilityState === 'visible') refresh();
        }, POLL_MS);
      } else {
        // The server ends a stream every few minutes and the client reconnects at once: only a
        // reconnection that takes a while is worth saying.
        paused ??= setTimeout(() => setState('lost'), QUIET_RECONNECT_MS);
      }
    });
    return () => {
      source.close();
      clearInterval(poll);
      clearTimeout(paused);
    };
  }, [hospitalId, wardId, api, queryClient]);
  return state;
}
