import { useQuery } from '@tanstack/react-query';
import type { paths } from '../api/read-api.generated.js';
import { useSession } from '../session/session.js';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer B } } } };
}
  ? B
  : never;
export type Roster = Ok<'/hospitals/{hospitalId}/hr/wards/{wardId}/roster'>;
export type Leave = Ok<'/hospitals/{hospitalId}/hr/leave'>['items'][number];
export type Staff = Ok<'/hospitals/{hospitalId}/hr/staff'>['items'][number];

/** Every HR query's key starts with this, so an HR command refreshes them all (with the consistency token). */
export const hrKey = (hospitalId: string) => ['hr', hospitalId];

/** A ward's roster for the 7 days from weekStart, with coverage per day and shift type. */
export function useRoster(wardId: string | undefined, weekStart: string) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...hrKey(hospitalId), 'roster', wardId, weekStart],
    enabled: wardId !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(weekStart),
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/hr/wards/{wardId}/roster', {
        params: {
          path: { hospitalId, wardId: wardId! },
          query: { weekStart },
          header: api.consistency.header(hospitalId),
        },
      });
      return data!;
    },
  });
}

/** Leave requested or approved overlapping [from, to] (at most 92 days). */
export function useLeave(from: string, to: string) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...hrKey(hospitalId), 'leave', from, to],
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/hr/leave', {
        params: { path: { hospitalId }, query: { from, to, limit: 100 }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
}

/**
 * The staff directory's first 100 (names, and each person's revision for If-Match on a leave
 * decision). Each read is recorded in the staff's access log, as the API says.
 */
export function useStaff(enabled: boolean) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...hrKey(hospitalId), 'staff'],
    enabled,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/hr/staff', {
        params: { path: { hospitalId }, query: { limit: 100 }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
}

/** YYYY-MM-DD, UTC, n days after a YYYY-MM-DD. */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
