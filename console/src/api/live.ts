import { EventSource } from 'eventsource';
import { READ_BASE } from './clients.js';
import type { paths as ReadPaths } from './read-api.generated.js';

/** The read API's live streams (server-sent events), typed from its OpenAPI document. */
type StreamPath = {
  [P in keyof ReadPaths]: ReadPaths[P] extends {
    get: { responses: { 200: { content: { 'text/event-stream': unknown } } } };
  }
    ? P
    : never;
}[keyof ReadPaths];

/**
 * Opens one of the read API's live streams. The browser's own EventSource cannot send the bearer
 * token, so this is the `eventsource` package's spec-compliant one over fetch: it reconnects after a
 * lost connection or the server's end of the stream (reading the token again each time, so a
 * renewed token is used) and gives up on a refusal (401, 403, 503), leaving `readyState` CLOSED.
 */
export function openStream(path: StreamPath, hospitalId: string, token: () => string | undefined): EventSource {
  const url = `${READ_BASE}${path.replace('{hospitalId}', encodeURIComponent(hospitalId))}`;
  return new EventSource(new URL(url, location.origin), {
    fetch: (input, init) => {
      const t = token();
      return fetch(input, { ...init, headers: { ...init.headers, ...(t ? { Authorization: `Bearer ${t}` } : {}) } });
    },
  });
}
