import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/problem.js';
import type { paths } from '../api/read-api.generated.js';
import { useSession } from '../session/session.js';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer B } } } };
}
  ? B
  : never;
export type Statement = Ok<'/hospitals/{hospitalId}/billing/accounts/{accountId}/statement'>;
export type InvoiceStatus = NonNullable<
  NonNullable<paths['/hospitals/{hospitalId}/billing/invoices']['get']['parameters']['query']>['status']
>;

/** Every billing query's key starts with this, so a billing command refreshes them all (with the consistency token). */
export const billingKey = (hospitalId: string) => ['billing', hospitalId];

/**
 * An account's statement. A stay's account is opened by charge capture right after the admission,
 * so a 404 is looked at again every 2 s for a while rather than shown as final.
 */
export function useStatement(accountId: string) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...billingKey(hospitalId), 'statement', accountId],
    refetchInterval: (query) =>
      query.state.error instanceof ApiError &&
      query.state.error.readable.status === 404 &&
      query.state.errorUpdateCount < 15
        ? 2_000
        : false,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/billing/accounts/{accountId}/statement', {
        params: { path: { hospitalId, accountId }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
}

export function useInvoices(status: InvoiceStatus | undefined, accountId?: string) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...billingKey(hospitalId), 'invoices', status, accountId],
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/billing/invoices', {
        params: {
          path: { hospitalId },
          query: { limit: 100, ...(status ? { status } : {}), ...(accountId ? { accountId } : {}) },
          header: api.consistency.header(hospitalId),
        },
      });
      return data!;
    },
  });
}

/** Cashier shifts still open (opened in the last 7 days): where a cashier takes money. */
export function useOpenShifts(enabled: boolean) {
  const { api, hospitalId } = useSession();
  return useQuery({
    queryKey: [...billingKey(hospitalId), 'open-shifts'],
    enabled,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/billing/cash-report', {
        params: {
          path: { hospitalId },
          query: { from: new Date(Date.now() - 7 * 86_400_000).toISOString() },
          header: api.consistency.header(hospitalId),
        },
      });
      return data!.shifts.filter((s) => s.status === 'open');
    },
  });
}
