import { useCan } from '../session/can.js';
import { useSession } from '../session/session.js';
import { ProblemNotice, readableOf } from '../ui/forms.js';
import { formatMoney } from '../ui/money.js';
import { href } from '../ui/nav.js';
import { IssueStock, ReceiveStock } from './StockForms.js';
import { StockMoves } from './StockMoves.js';
import { type StockItem, useStockList } from './stock-queries.js';

const ALERT_WORDS: Record<string, string> = {
  within_90_days: 'expires within 90 days',
  within_60_days: 'expires within 60 days',
  within_30_days: 'expires within 30 days',
  expired: 'EXPIRED',
};

/**
 * Stock by location (`#/stock/<locationId>`): units on hand per item with its levels, each lot with
 * its expiry; the hospital's reorder and expiry alerts; receiving a lot and issuing to a ward or a
 * patient's stay (`#/stock/issue/<patientId>/<stayId>` comes from the patient's record); sending
 * to another location, receiving what is in transit here, and disposing of a lot (witnessed).
 */
export function Stock({ locationId, issueFor }: { locationId?: string | undefined; issueFor?: IssueFor | undefined }) {
  const can = useCan();
  const locations = useStockList('/hospitals/{hospitalId}/inventory/locations');
  const items = useStockList('/hospitals/{hospitalId}/inventory/items');
  const location = locationId ?? locations.data?.items[0]?.locationId;
  const itemById = new Map((items.data?.items ?? []).map((i) => [i.itemId, i]));
  return (
    <div>
      <div className="inline">
        <label htmlFor="location-select">Location</label>
        <select
          id="location-select"
          value={location ?? ''}
          onChange={(e) => {
            window.location.hash = href(
              'stock',
              e.currentTarget.value,
              ...(issueFor ? ['issue', issueFor.patientId, issueFor.stayId] : []),
            );
          }}
        >
          {(locations.data?.items ?? []).map((l) => (
            <option key={l.locationId} value={l.locationId}>
              {l.name} ({l.code})
            </option>
          ))}
        </select>
      </div>
      <ProblemNotice problem={readableOf(locations.error ?? items.error)} />
      {location ? (
        <div className="columns">
          <div>
            <OnHand locationId={location} itemById={itemById} />
            <Lots locationId={location} itemById={itemById} />
          </div>
          <div>
            {can('post /hospitals/{hospitalId}/inventory/issue-stock') ? (
              <IssueStock locationId={location} items={items.data?.items ?? []} issueFor={issueFor} />
            ) : null}
            {can('post /hospitals/{hospitalId}/inventory/receive-stock') ? (
              <ReceiveStock locationId={location} items={items.data?.items ?? []} />
            ) : null}
            <StockMoves locationId={location} items={items.data?.items ?? []} locations={locations.data?.items ?? []} />
            <Alerts itemById={itemById} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

export interface IssueFor {
  readonly patientId: string;
  readonly stayId: string;
}

const itemName = (itemById: ReadonlyMap<string, StockItem>, itemId: string) => itemById.get(itemId)?.name ?? itemId;

function OnHand({ locationId, itemById }: { locationId: string; itemById: ReadonlyMap<string, StockItem> }) {
  const stock = useStockList('/hospitals/{hospitalId}/inventory/stock', { locationId });
  const rows = stock.data?.items ?? [];
  return (
    <section aria-labelledby="on-hand-heading">
      <h2 id="on-hand-heading">On hand</h2>
      <ProblemNotice problem={readableOf(stock.error)} />
      {stock.data && rows.length === 0 ? <p>Nothing stocked here yet.</p> : null}
      {rows.length > 0 ? (
        <table>
          <caption>Units on hand per item, all lots</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">On hand</th>
              <th scope="col">Reorder level</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.stockPointId} data-item-id={s.itemId}>
                <td>{itemName(itemById, s.itemId)}</td>
                <td>
                  {s.onHand} {itemById.get(s.itemId)?.unitOfMeasure ?? ''}
                  {s.belowReorderLevel ? <strong className="alert-text"> below reorder level</strong> : null}
                </td>
                <td>{s.reorderLevel}</td>
                <td>{formatMoney(s.valueMinor, s.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Lots({ locationId, itemById }: { locationId: string; itemById: ReadonlyMap<string, StockItem> }) {
  const lots = useStockList('/hospitals/{hospitalId}/inventory/stock/lots', { locationId });
  const rows = lots.data?.items ?? [];
  return rows.length > 0 ? (
    <section aria-labelledby="lots-heading">
      <h2 id="lots-heading">Lots</h2>
      <table>
        <caption>Lots here, with their expiry</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Lot</th>
            <th scope="col">Expiry</th>
            <th scope="col">Units</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.lotId}>
              <td>{itemName(itemById, l.itemId)}</td>
              <td>{l.lotNumber}</td>
              <td className={l.expiryAlert === 'expired' ? 'alert-text' : undefined}>
                {l.expiryDate ?? 'does not expire'}
                {l.expiryAlert ? ` (${ALERT_WORDS[l.expiryAlert] ?? l.expiryAlert})` : ''}
              </td>
              <td>{l.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  ) : (
    <ProblemNotice problem={readableOf(lots.error)} />
  );
}

/** The hospital's alerts: items below their reorder level anywhere, lots expiring within 90 days. */
function Alerts({ itemById }: { itemById: ReadonlyMap<string, StockItem> }) {
  const { hospitalId } = useSession();
  const reorder = useStockList('/hospitals/{hospitalId}/inventory/reorder');
  const expiring = useStockList('/hospitals/{hospitalId}/inventory/expiring', { withinDays: '90' });
  const locations = useStockList('/hospitals/{hospitalId}/inventory/locations');
  const where = (id: string) => locations.data?.items.find((l) => l.locationId === id)?.name ?? id;
  return (
    <section aria-labelledby="alerts-heading" data-hospital={hospitalId}>
      <h2 id="alerts-heading">Alerts</h2>
      <ProblemNotice problem={readableOf(reorder.error ?? expiring.error)} />
      <h3>Below reorder level</h3>
      {(reorder.data?.items ?? []).length === 0 ? (
        <p>None.</p>
      ) : (
        <ul aria-label="Below reorder level">
          {reorder.data!.items.map((s) => (
            <li key={s.stockPointId}>
              {itemName(itemById, s.itemId)} at {where(s.locationId)}: {s.onHand} on hand, reorder at {s.reorderLevel}
            </li>
          ))}
        </ul>
      )}
      <h3>Expiring within 90 days</h3>
      {(expiring.data?.items ?? []).length === 0 ? (
        <p>None.</p>
      ) : (
        <ul aria-label="Expiring within 90 days">
          {expiring.data!.items.map((l) => (
            <li key={`${l.locationId}/${l.lotId}`}>
              {itemName(itemById, l.itemId)} lot {l.lotNumber} at {where(l.locationId)}: {l.quantity} units, expiry{' '}
              {l.expiryDate}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
