import { useQuery } from '@tanstack/react-query';
import type { paths } from '../api/read-api.generated.js';
import { useSession } from '../session/session.js';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer B } } } };
}
  ? B
  : never;

export type WorklistItem = Ok<'/hospitals/{hospitalId}/laboratory/worklist'>['items'][number];
export type WorklistStage = NonNullable<
  NonNullable<paths['/hospitals/{hospitalId}/laboratory/worklist']['get']['parameters']['query']>['stage']
>;
export type LabSection = NonNullable<
  NonNullable<paths['/hospitals/{hospitalId}/laboratory/worklist']['get']['parameters']['query']>['section']
>;
export type CatalogueEntry = Ok<'/hospitals/{hospitalId}/laboratory/catalogue'>['items'][number];
export type CriticalResult = Ok<'/hospitals/{hospitalId}/laboratory/critical-results'>['items'][number];
export type LabOrder = Ok<'/hospitals/{hospitalId}/laboratory/orders/{orderId}'>;

/** Every lab query's key starts with this, so a lab command refreshes them all (with the consistency token). */
export const labKey = (hospitalId: string) => ['laboratory', hospitalId];

/** One stage's worklist, earliest due first (ids and values only: the lab sees no names). */
export function useWorklist(stage: WorklistStage, section: LabSection | undefined) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...labKey(hospitalId), 'worklist', stage, section],
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/laboratory/worklist', {
        params: {
          path: { hospitalId },
          query: { stage, limit: 100, ...(section ? { section } : {}) },
          header: api.consistency.header(hospitalId),
        },
      });
      return data!;
    },
  });
}

/** The catalogue (tests and panels): what can be ordered, and how a test's result is entered. */
export function useLabCatalogue() {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...labKey(hospitalId), 'catalogue'],
    staleTime: 60_000,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/laboratory/catalogue', {
        params: { path: { hospitalId }, query: { limit: 100 }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
}

/**
 * Open critical results, oldest first, with their age. Refreshed every 30 s while on screen: an
 * unacknowledged critical value must not sit unseen (the route is not cached; one small query).
 */
export function useOpenCriticals() {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...labKey(hospitalId), 'critical-results'],
    refetchInterval: 30_000,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/laboratory/critical-results', {
        params: { path: { hospitalId }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
}

export function useLabOrder(orderId: string) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...labKey(hospitalId), 'order', orderId],
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/laboratory/orders/{orderId}', {
        params: { path: { hospitalId, orderId }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
}
