import { z } from 'zod';
import { hospitalId } from '../server/inputs.js';
import type { StreamRoute } from '../server/stream-route.js';
import { BED_BOARD, WARDS } from './queries.js';
import { BED_BOARD_READERS } from './routes.js';

/**
 * The live bed board: one stream per hospital, not per ward (a projector's announcement names the
 * views it wrote, not the wards), so a client reads its visible ward again on each change — a read
 * the generation-keyed cache answers for every other client of that ward. Patients' names on the
 * board (their summaries) are not streamed: a registration elsewhere would wake every open board.
 */
export const bedBoardChanges: StreamRoute = {
  id: 'streamBedBoardChanges',
  path: '/hospitals/:hospitalId/bed-board/changes',
  summary: 'Live bed board: server-sent events each time the hospital’s bed board or wards change.',
  description: [
    'A `text/event-stream` (server-sent events) that stays open. Events:',
    '- `ready` (data `{}`): sent on every connection; read the boards you show now (you may have missed changes while disconnected).',
    '- `changed` (data `{"position": <event-store position>, "views": ["bed_board" | "wards"]}`): the projection applied changes to this hospital’s bed board or wards; read the visible board again (send `position` as `X-Consistency-Token` to be sure to see it).',
    'Comment lines (`: still here`) every 20 s keep proxies from closing the connection; the server ends the stream after 5 minutes and the client reconnects (after the `retry:` delay) with its current token, so an expired token or a narrowed grant stops the stream within that time.',
    'No patient data travels on the stream. Answers 503 (Retry-After) where live updates are not available (no cache with pub/sub): read the board periodically instead.',
  ].join('\n'),
  tag: 'admissions',
  roles: BED_BOARD_READERS,
  params: z.strictObject({ hospitalId }),
  views: [BED_BOARD, WARDS],
  modules: ['admissions'],
};

export const admissionsStreams: readonly StreamRoute[] = [bedBoardChanges];
