import { useQuery } from '@tanstack/react-query';
import type { paths } from '../api/read-api.generated.js';
import { useSession } from '../session/session.js';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer B } } } };
}
  ? B
  : never;
export type StockItem = Ok<'/hospitals/{hospitalId}/inventory/items'>['items'][number];
export type StockLot = Ok<'/hospitals/{hospitalId}/inventory/stock/lots'>['items'][number];
export type StockLocation = Ok<'/hospitals/{hospitalId}/inventory/locations'>['items'][number];
export type Transfer = Ok<'/hospitals/{hospitalId}/inventory/transfers'>['items'][number];

/** Every stock query's key starts with this, so a stock command refreshes them all (with the consistency token). */
export const stockKey = (hospitalId: string) => ['inventory', hospitalId];

type ListPath =
  | '/hospitals/{hospitalId}/inventory/items'
  | '/hospitals/{hospitalId}/inventory/locations'
  | '/hospitals/{hospitalId}/inventory/stock'
  | '/hospitals/{hospitalId}/inventory/stock/lots'
  | '/hospitals/{hospitalId}/inventory/reorder'
  | '/hospitals/{hospitalId}/inventory/expiring'
  | '/hospitals/{hospitalId}/inventory/transfers';

/** One page (up to 100) of a stock list, read with the consistency token. */
export function useStockList<P extends ListPath>(
  path: P,
  query: Record<string, string | undefined> = {},
  enabled = true,
): ReturnType<typeof useQuery<Ok<P>>> {
  const { api, hospitalId } = useSession();
  return useQuery<Ok<P>>({
    queryKey: [...stockKey(hospitalId), path, query],
    enabled,
    queryFn: async () => {
      const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
      // The paths share one shape of parameters (hospital, page, filters); the answer is typed by path.
      const { data } = await (api.read.GET as (p: string, o: unknown) => Promise<{ data?: unknown }>)(path, {
        params: { path: { hospitalId }, query: { limit: 100, ...defined }, header: api.consistency.header(hospitalId) },
      });
      return data as Ok<P>;
    },
  });
}
