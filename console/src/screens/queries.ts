import { useQuery } from '@tanstack/react-query';
import { useSession } from '../session/session.js';

/** A patient's summary (banner and record); read with the consistency token so one's own changes show. */
export function usePatient(patientId: string | undefined) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: ['patients', hospitalId, 'summary', patientId],
    enabled: patientId !== undefined,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/patients/{patientId}', {
        params: { path: { hospitalId, patientId: patientId! }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
}

/** A patient's stays, newest first; each with its stream's revision (what stay commands' If-Match expects). */
export function useStays(patientId: string, enabled = true) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: ['admissions', hospitalId, 'stays', patientId],
    enabled,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/patients/{patientId}/stays', {
        params: {
          path: { hospitalId, patientId },
          query: { order: 'desc', limit: 50 },
          header: api.consistency.header(hospitalId),
        },
      });
      return data!;
    },
  });
}

export function useWards() {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: ['admissions', hospitalId, 'wards'],
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/wards', {
        params: { path: { hospitalId }, query: { limit: 100 }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
}

export function useBedBoard(wardId: string | undefined) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: ['admissions', hospitalId, 'beds', wardId],
    enabled: wardId !== undefined,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/wards/{wardId}/beds', {
        params: {
          path: { hospitalId, wardId: wardId! },
          query: { limit: 100, sort: 'label' },
          header: api.consistency.header(hospitalId),
        },
      });
      return data!;
    },
  });
}
