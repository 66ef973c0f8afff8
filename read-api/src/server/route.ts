import type { KeyObject } from 'node:crypto';
import type { ProjectedModuleName } from '@chartline/events';
import type { AnchorStore, EventStore, Principal, ReadStore } from '@chartline/infra';
import type { Role } from '@chartline/kernel';
import type { z } from 'zod';

export interface AnchorReader {
  readonly store: Pick<AnchorStore, 'latest'>;
  readonly publicKey: KeyObject;
}

/** What a query or audit handler may use: the stores, never the HTTP request itself. */
export interface ReadDeps {
  readonly readStore: ReadStore;
  readonly eventStore: EventStore;
  readonly clock: () => Date;
  /** Signed anchors of the stream heads and the key that verifies them; absent: not configured. */
  readonly anchors?: AnchorReader;
}

export interface RouteInput<P, Q> {
  readonly params: P;
  readonly query: Q;
  readonly principal: Principal;
}

/** What an answer showed of a patient: the audit.PersonalDataAccessed `view` symbols. */
export const ACCESSED_VIEWS = [
  'summary',
  'search_hit',
  'stays',
  'bed_board',
  'lab_results',
  'stock_consumption',
  'billing_statement',
] as const;
/** What an answer showed of a staff member: the audit.StaffPersonalDataAccessed `view` symbols. */
export const STAFF_ACCESSED_VIEWS = ['staff_directory'] as const;

/**
 * Personal data an answer shows; each one becomes an access event: audit.PersonalDataAccessed on
 * the patient's access log, audit.StaffPersonalDataAccessed on the staff member's.
 */
export type Accessed =
  | { readonly patientId: string; readonly view: (typeof ACCESSED_VIEWS)[number] }
  | { readonly staffId: string; readonly view: (typeof STAFF_ACCESSED_VIEWS)[number] };

export interface RouteResult<R> {
  readonly body: R;
  readonly accessed?: readonly Accessed[];
}

/**
 * One read route, declared once: the server mounts it (auth → hospital → role → validation →
 * consistency wait → cache-aside → handler) and the OpenAPI document is derived from the same
 * schemas. `params`, `query` and `body` are strict zod objects of scalar strings.
 */
export interface ReadRoute<P = unknown, Q = unknown, R = unknown> {
  readonly id: string;
  readonly method: 'get' | 'post';
  /** Express path; always under `/hospitals/:hospitalId/`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly roles: readonly Role[];
  readonly params: z.ZodObject;
  /** For GET: the query string. For POST: the JSON body (same strictness). */
  readonly input: z.ZodObject;
  readonly response: z.ZodType<R>;
  /** Views the answer is computed from: its cache key carries their generations. Absent = never cached. */
  readonly views?: readonly string[];
  /** Modules whose projectors a consistency token waits for. Absent = the token is ignored. */
  readonly modules?: readonly ProjectedModuleName[];
  /**
   * When the answer differs by caller (personal data shown to some roles only): a label of the
   * caller's variant, part of the cache key so one variant is never served to another.
   */
  readonly variant?: (principal: Principal) => string;
  /** Extra problem statuses for the OpenAPI document. */
  readonly problems?: readonly number[];
  run(input: RouteInput<P, Q>, deps: ReadDeps): Promise<RouteResult<R>>;
}

/** Keeps the handler's types tied to its schemas, then erases them for the route table. */
export function defineRoute<PS extends z.ZodObject, QS extends z.ZodObject, RS extends z.ZodType>(
  route: Omit<ReadRoute<z.output<PS>, z.output<QS>, z.output<RS>>, 'params' | 'input' | 'response'> & {
    readonly params: PS;
    readonly input: QS;
    readonly response: RS;
  },
): ReadRoute {
  return route as unknown as ReadRoute;
}
