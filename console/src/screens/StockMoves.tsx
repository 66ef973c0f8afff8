import { WITNESS_FIELD } from '../api/rule-fields.js';
import { useCan } from '../session/can.js';
import { useSession } from '../session/session.js';
import { useFocusOnProblem } from '../ui/check.js';
import { Field, formValues, ProblemNotice, readableOf, useCommand } from '../ui/forms.js';
import { itemOptions, useStockPointRevision, Witness, whole } from './StockForms.js';
import { type StockItem, type StockLocation, stockKey, useStockList } from './stock-queries.js';

/**
 * Stock moving between locations and leaving the hospital: dispatching a transfer from this
 * location, receiving the transfers in transit to it, and disposing of a lot (always witnessed).
 */
export function StockMoves({
  locationId,
  items,
  locations,
}: {
  locationId: string;
  items: readonly StockItem[];
  locations: readonly StockLocation[];
}) {
  const can = useCan();
  return (
    <>
      {can('post /hospitals/{hospitalId}/inventory/dispatch-transfer') ? (
        <DispatchTransfer locationId={locationId} items={items} locations={locations} />
      ) : null}
      {can('get /hospitals/{hospitalId}/inventory/transfers') ? (
        <InTransit locationId={locationId} items={items} locations={locations} />
      ) : null}
      {can('post /hospitals/{hospitalId}/inventory/dispose-stock') ? (
        <DisposeStock locationId={locationId} items={items} />
      ) : null}
    </>
  );
}

const locationName = (locations: readonly StockLocation[], id: string) =>
  locations.find((l) => l.locationId === id)?.name ?? id;

/** Send units of an item from here to another location (first expiry first out); in transit until received. */
function DispatchTransfer({
  locationId,
  items,
  locations,
}: {
  locationId: string;
  items: readonly StockItem[];
  locations: readonly StockLocation[];
}) {
  const { api, hospitalId } = useSession();
  const dispatch = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/inventory/dispatch-transfer',
        hospitalId,
        {
          itemId: v['itemId'] ?? '',
          fromLocationId: locationId,
          toLocationId: v['toLocationId'] ?? '',
          quantity: whole(v['quantity']),
        },
        { idempotencyKey: key },
      ),
    [stockKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(dispatch.problem);
  const e = dispatch.fieldErrors;
  return (
    <form
      ref={formRef}
      aria-labelledby="dispatch-heading"
      onSubmit={(event) => {
        event.preventDefault();
        dispatch.mutate(formValues(event.currentTarget));
      }}
    >
      <h2 id="dispatch-heading">Send to another location</h2>
      <Field label="Item" name="itemId" options={itemOptions(items)} error={e['itemId']} />
      <Field
        label="To location"
        name="toLocationId"
        options={locations
          .filter((l) => l.locationId !== locationId)
          .map((l) => [l.locationId, `${l.name} (${l.code})`] as const)}
        error={e['toLocationId']}
      />
      <Field label="Quantity (units)" name="quantity" required error={e['quantity']} />
      <button type="submit" disabled={dispatch.isPending}>
        Dispatch
      </button>
      <ProblemNotice problem={dispatch.problem} />
      {dispatch.isSuccess ? <p role="status">Dispatched: in transit until received.</p> : null}
    </form>
  );
}

/** Transfers in transit to this location, each received here (If-Match: the transfer as shown). */
function InTransit({
  locationId,
  items,
  locations,
}: {
  locationId: string;
  items: readonly StockItem[];
  locations: readonly StockLocation[];
}) {
  const can = useCan();
  const transfers = useStockList('/hospitals/{hospitalId}/inventory/transfers', { status: 'in_transit' });
  const here = (transfers.data?.items ?? []).filter((t) => t.toLocationId === locationId);
  return (
    <section aria-labelledby="in-transit-heading">
      <h2 id="in-transit-heading">In transit to here</h2>
      <ProblemNotice problem={readableOf(transfers.error)} />
      {transfers.data && here.length === 0 ? <p>Nothing on its way here.</p> : null}
      {here.length > 0 ? (
        <ul aria-label="Transfers in transit to here" className="cards">
          {here.map((t) => (
            <li key={t.transferId} className="card" data-transfer-id={t.transferId}>
              <p>
                {t.quantity} × {items.find((i) => i.itemId === t.itemId)?.name ?? t.itemId} from{' '}
                {locationName(locations, t.fromLocationId)}, dispatched {new Date(t.dispatchedAt).toLocaleString()}
              </p>
              {can('post /hospitals/{hospitalId}/inventory/receive-transfer') ? (
                <ReceiveTransfer transferId={t.transferId} quantity={t.quantity} revision={t.revision} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** What arrived: everything, or fewer units with the reason (a discrepancy). */
function ReceiveTransfer({
  transferId,
  quantity,
  revision,
}: {
  transferId: string;
  quantity: number;
  revision: number;
}) {
  const { api, hospitalId } = useSession();
  const receive = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/inventory/receive-transfer',
        hospitalId,
        { transferId, ...(v['discrepancyReason'] ? { discrepancyReason: v['discrepancyReason'] } : {}) },
        { idempotencyKey: key, ifMatch: revision },
      ),
    [stockKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(receive.problem);
  return (
    <form
      ref={formRef}
      aria-label={`Receive the transfer of ${quantity} units`}
      onSubmit={(event) => {
        event.preventDefault();
        receive.mutate(formValues(event.currentTarget));
      }}
    >
      <button type="submit" disabled={receive.isPending}>
        Receive all {quantity} units
      </button>
      <ProblemNotice problem={receive.problem} />
    </form>
  );
}

const DISPOSAL_REASONS = [
  ['expired', 'Expired'],
  ['damaged', 'Damaged'],
  ['recalled', 'Recalled'],
  ['other', 'Other'],
] as const;

/**
 * Destroy units of a lot held here. Disposal is always witnessed by a second person (their own
 * token, as for a controlled issue); If-Match: the stock point (item here) as shown on hand.
 */
function DisposeStock({ locationId, items }: { locationId: string; items: readonly StockItem[] }) {
  const { api, hospitalId, witnessToken } = useSession();
  const lots = useStockList('/hospitals/{hospitalId}/inventory/stock/lots', { locationId });
  const revisionOf = useStockPointRevision(locationId);
  const held = (lots.data?.items ?? []).filter((l) => l.quantity > 0);
  const dispose = useCommand(
    (v: Record<string, string>, key: string) => {
      const lot = held.find((l) => l.lotId === v['lotId']);
      const witness = v[WITNESS_FIELD] ? witnessToken?.(v[WITNESS_FIELD]) : undefined;
      const revision = revisionOf(lot?.itemId);
      return api.command(
        '/hospitals/{hospitalId}/inventory/dispose-stock',
        hospitalId,
        {
          itemId: lot?.itemId ?? '',
          locationId,
          lotId: v['lotId'] ?? '',
          quantity: whole(v['quantity']),
          reason: (v['reason'] ?? 'expired') as 'expired',
        },
        {
          idempotencyKey: key,
          ...(revision === undefined ? {} : { ifMatch: revision }),
          ...(witness ? { witnessToken: witness } : {}),
        },
      );
    },
    [stockKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(dispose.problem);
  const e = dispose.fieldErrors;
  const itemName = (id: string) => items.find((i) => i.itemId === id)?.name ?? id;
  return (
    <form
      ref={formRef}
      aria-labelledby="dispose-heading"
      onSubmit={(event) => {
        event.preventDefault();
        dispose.mutate(formValues(event.currentTarget));
      }}
    >
      <h2 id="dispose-heading">Dispose of stock</h2>
      <ProblemNotice problem={readableOf(lots.error)} />
      <Field
        label="Lot"
        name="lotId"
        options={held.map(
          (l) =>
            [
              l.lotId,
              `${itemName(l.itemId)}, lot ${l.lotNumber} (${l.quantity} units${l.expiryDate ? `, expiry ${l.expiryDate}` : ''})`,
            ] as const,
        )}
        error={e['lotId'] ?? e['itemId']}
      />
      <Field label="Quantity (units)" name="quantity" required error={e['quantity']} />
      <Field label="Reason" name="reason" options={DISPOSAL_REASONS} error={e['reason']} />
      <Witness error={e[WITNESS_FIELD]} />
      <button type="submit" disabled={dispose.isPending || held.length === 0}>
        Dispose
      </button>
      <ProblemNotice problem={dispose.problem} />
      {dispose.isSuccess ? <p role="status">Disposed of, witnessed.</p> : null}
    </form>
  );
}
