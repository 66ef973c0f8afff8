import { useState } from 'react';
import { WITNESS_FIELD } from '../api/rule-fields.js';
import { useCan } from '../session/can.js';
import { useSession } from '../session/session.js';
import { useFocusOnProblem } from '../ui/check.js';
import { Field, formValues, ProblemNotice, useCommand } from '../ui/forms.js';
import { PatientBanner } from './PatientRecord.js';
import { useWards } from './queries.js';
import type { IssueFor } from './Stock.js';
import { type StockItem, stockKey, useStockList } from './stock-queries.js';

export const itemOptions = (items: readonly StockItem[]) =>
  items.map((i) => [i.itemId, `${i.name} (${i.code})${i.controlledSubstance ? ', controlled' : ''}`] as const);
export const whole = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : Number.NaN);

/**
 * The revision of an item's stock point here as the screen shows it (units on hand), for If-Match:
 * a receipt or issue on stock that moved since is refused (412) and the screen refreshed. None
 * before the item's first receipt here (the stock point does not exist yet).
 */
export function useStockPointRevision(locationId: string): (itemId: string | undefined) => number | undefined {
  const levels = useStockList('/hospitals/{hospitalId}/inventory/stock', { locationId });
  return (itemId) => levels.data?.items.find((s) => s.itemId === itemId)?.revision;
}
const ifMatchOf = (revision: number | undefined) => (revision === undefined ? {} : { ifMatch: revision });

/** Receive a supplier's lot into this location: lot number, expiry, quantity, unit cost. */
export function ReceiveStock({ locationId, items }: { locationId: string; items: readonly StockItem[] }) {
  const { api, hospitalId } = useSession();
  const revisionOf = useStockPointRevision(locationId);
  const receive = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/inventory/receive-stock',
        hospitalId,
        {
          itemId: v['itemId'] ?? '',
          locationId,
          ...(v['lotNumber'] ? { lotNumber: v['lotNumber'] } : {}),
          ...(v['expiryDate'] ? { expiryDate: v['expiryDate'] } : {}),
          quantity: whole(v['quantity']),
          unitCostMinor: whole(v['unitCostMinor']),
          supplier: v['supplier'] ?? '',
        },
        { idempotencyKey: key, ...ifMatchOf(revisionOf(v['itemId'])) },
      ),
    [stockKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(receive.problem);
  const e = receive.fieldErrors;
  return (
    <form
      ref={formRef}
      aria-labelledby="receive-heading"
      onSubmit={(event) => {
        event.preventDefault();
        receive.mutate(formValues(event.currentTarget));
      }}
    >
      <h2 id="receive-heading">Receive stock</h2>
      <Field label="Item" name="itemId" options={itemOptions(items)} error={e['itemId']} />
      <Field label="Lot number" name="lotNumber" error={e['lotNumber']} />
      <Field label="Expiry date" name="expiryDate" type="date" error={e['expiryDate']} />
      <Field label="Quantity (units)" name="quantity" required error={e['quantity']} />
      <Field label="Unit cost (minor units, e.g. pence)" name="unitCostMinor" required error={e['unitCostMinor']} />
      <Field label="Supplier" name="supplier" required error={e['supplier']} />
      <button type="submit" disabled={receive.isPending}>
        Receive
      </button>
      <ProblemNotice problem={receive.problem} />
      {receive.lastOk && !receive.problem ? <p role="status">Received.</p> : null}
    </form>
  );
}

/** Issue from this location to a ward, or to a patient's stay (charged to it); first expiry first out. */
export function IssueStock({
  locationId,
  items,
  issueFor,
}: {
  locationId: string;
  items: readonly StockItem[];
  issueFor: IssueFor | undefined;
}) {
  const { api, hospitalId, witnessToken } = useSession();
  const can = useCan();
  const wards = useWards();
  const revisionOf = useStockPointRevision(locationId);
  const [destination, setDestination] = useState<'patient' | 'ward'>(issueFor ? 'patient' : 'ward');
  const [chosenItem, setChosenItem] = useState<string | undefined>();
  const issue = useCommand(
    (v: Record<string, string>, key: string) => {
      const witness = v[WITNESS_FIELD] ? witnessToken?.(v[WITNESS_FIELD]) : undefined;
      return api.command(
        '/hospitals/{hospitalId}/inventory/issue-stock',
        hospitalId,
        {
          itemId: v['itemId'] ?? '',
          locationId,
          quantity: whole(v['quantity']),
          ...(destination === 'patient' && issueFor
            ? { destination: 'patient' as const, patientId: issueFor.patientId, stayId: issueFor.stayId }
            : { destination: 'ward' as const, wardId: v['wardId'] ?? '' }),
        },
        { idempotencyKey: key, ...ifMatchOf(revisionOf(v['itemId'])), ...(witness ? { witnessToken: witness } : {}) },
      );
    },
    [stockKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(issue.problem);
  const e = issue.fieldErrors;
  const selected = items.find((i) => i.itemId === (chosenItem ?? items[0]?.itemId));
  // A controlled substance needs a second person; the API's witness refusal shows the control too.
  const needsWitness = selected?.controlledSubstance === true || e[WITNESS_FIELD] !== undefined;
  return (
    <form
      ref={formRef}
      aria-labelledby="issue-heading"
      onSubmit={(event) => {
        event.preventDefault();
        issue.mutate(formValues(event.currentTarget));
      }}
    >
      <h2 id="issue-heading">Issue stock</h2>
      {issueFor ? (
        <Field
          label="Issue to"
          name="destination"
          defaultValue={destination}
          options={[
            ['patient', 'This patient’s stay (charged to it)'],
            ['ward', 'A ward'],
          ]}
          onChange={(value) => setDestination(value as 'patient' | 'ward')}
        />
      ) : null}
      {destination === 'patient' && issueFor ? (
        can('get /hospitals/{hospitalId}/patients/{patientId}') ? (
          <PatientBanner patientId={issueFor.patientId} />
        ) : null
      ) : (
        <Field
          label="Ward"
          name="wardId"
          options={(wards.data?.items ?? []).map((w) => [w.wardId, w.name] as const)}
          error={e['wardId']}
        />
      )}
      <Field
        label="Item"
        name="itemId"
        options={itemOptions(items)}
        error={e['itemId']}
        onChange={(value) => setChosenItem(value)}
      />
      <Field label="Quantity (units)" name="quantity" required error={e['quantity']} />
      {needsWitness ? <Witness error={e[WITNESS_FIELD]} /> : null}
      <button type="submit" disabled={issue.isPending}>
        Issue
      </button>
      <ProblemNotice problem={issue.problem} />
      {issue.lastOk && !issue.problem ? <p role="status">Issued.</p> : null}
    </form>
  );
}

/**
 * The second person who witnesses a controlled substance. The API takes the witness's own token
 * (X-Witness-Authorization), never a typed user id. In dev mode the witness picks their demo role
 * and the console takes that role's demo token, as it does for the signed-in person. In OIDC mode a
 * second sign-in at the same workstation is not supported yet: the control says so, and the API's
 * witness-required refusal is shown beside it.
 */
export function Witness({ error }: { error: string | undefined }) {
  const { roles, role, witnessToken } = useSession();
  if (!witnessToken) {
    return (
      <div className="field">
        <p id="witness-oidc">
          <strong>Witness:</strong> a controlled substance needs a second signed-in person. Witnessing is not supported
          yet with this sign-in (it needs a second sign-in at this workstation); use the demo console or another system
          for this issue.
        </p>
        {error ? <p className="field-error">{error}</p> : null}
      </div>
    );
  }
  return (
    <Field
      label="Witness (second person: their role)"
      name={WITNESS_FIELD}
      error={error}
      options={[['', 'No witness'], ...roles.filter((r) => r !== role).map((r) => [r, r] as const)]}
    />
  );
}
