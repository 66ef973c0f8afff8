import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSession } from '../session/session.js';

/**
 * The live bed board. Until the read API streams view generations (server-sent events), the board
 * is refreshed when the tab regains focus and every 5 s while visible; those reads hit the read
 * API's cache (per-view generation), not the database, unless the board changed.
 */
export function useLiveBoard(wardId: string | undefined): 'live' | 'lost' | 'off' {
  const { hospitalId } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<'live' | 'lost' | 'off'>('off');
  useEffect(() => {
    if (!wardId) return;
    setState('live');
    const tick = () => {
      if (document.visibilityState === 'visible') {
        void queryClient.invalidateQueries({ queryKey: ['admissions', hospitalId, 'beds', wardId] });
      }
    };
    const timer = setInterval(tick, 5_000);
    const offline = () => setState('lost');
    const online = () => {
      setState('live');
      tick();
    };
    addEventListener('offline', offline);
    addEventListener('online', online);
    return () => {
      clearInterval(timer);
      removeEventListener('offline', offline);
      removeEventListener('online', online);
    };
  }, [hospitalId, wardId, queryClient]);
  return state;
}
