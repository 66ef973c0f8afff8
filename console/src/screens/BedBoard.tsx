import { useState } from 'react';
import type { paths } from '../api/read-api.generated.js';
import { useSession } from '../session/session.js';
import { Field, formValues, ProblemNotice, readableOf, useCommand } from '../ui/forms.js';
import { href } from '../ui/nav.js';
import { useLiveBoard } from './live.js';
import { useBedBoard, useStays, useWards } from './queries.js';

type Bed =
  paths['/hospitals/{hospitalId}/wards/{wardId}/beds']['get']['responses'][200]['content']['application/json']['items'][number];

const STATUS_WORDS: Record<Bed['status'], string> = {
  free: 'Free',
  reserved: 'Reserved',
  occupied: 'Occupied',
  to_clean: 'To clean',
  closed: 'Closed',
};

/**
 * The bed board of one ward: each bed's status and patient; admit a waiting patient to a free bed,
 * transfer, discharge, mark a bed clean. `#/beds/<ward>/admit/<stay>/<patient>` is the board with a
 * requested admission waiting for a bed.
 */
export function BedBoard({
  wardId,
  admitting,
}: {
  wardId: string | undefined;
  admitting?: { stayId: string; patientId: string };
}) {
  const { hospitalId } = useSession();
  const wards = useWards();
  const ward = wardId ?? wards.data?.items[0]?.wardId;
  const board = useBedBoard(ward);
  const live = useLiveBoard(ward);
  return (
    <div>
      <div className="inline">
        <label htmlFor="ward-select">Ward</label>
        <select
          id="ward-select"
          value={ward ?? ''}
          onChange={(e) => {
            location.hash = href('beds', e.currentTarget.value);
          }}
        >
          {(wards.data?.items ?? []).map((w) => (
            <option key={w.wardId} value={w.wardId}>
              {w.name}
            </option>
          ))}
        </select>
        <span className="live" role="status">
          {live === 'live'
            ? 'Live: changes appear as they happen'
            : live === 'lost'
              ? 'Live updates paused (reconnecting…)'
              : live === 'polling'
                ? 'Live updates unavailable: the board is read again every 5 seconds'
                : ''}
        </span>
      </div>
      {admitting ? (
        <p className="notice" role="status">
          Admitting a patient (<a href={href('patients', admitting.patientId)}>record</a>): choose a free bed below.
        </p>
      ) : null}
      <ProblemNotice problem={readableOf(board.error ?? wards.error)} />
      <ul className="board" aria-label={`Beds of ${hospitalId}`}>
        {(board.data?.items ?? []).map((bed) => (
          <BedCard key={bed.bedId} bed={bed} beds={board.data?.items ?? []} admitting={admitting} />
        ))}
      </ul>
    </div>
  );
}

function BedCard({
  bed,
  beds,
  admitting,
}: {
  bed: Bed;
  beds: readonly Bed[];
  admitting?: { stayId: string; patientId: string } | undefined;
}) {
  const { api, hospitalId } = useSession();
  const [action, setAction] = useState<'transfer' | 'discharge' | undefined>();
  // Transfer and discharge are the stay's commands (its stream is their primary): the board shows
  // beds, so the occupying stay is read when one of them is opened, and its revision sent as
  // If-Match (a stay changed since, e.g. a discharge scheduled elsewhere, is refused 412 and re-read).
  const stays = useStays(bed.patientId ?? '', action !== undefined && bed.patientId != null);
  const stayRevision = stays.data?.items.find((s) => s.stayId === bed.stayId)?.revision;
  const ifMatchStay = stayRevision === undefined ? {} : { ifMatch: stayRevision };
  const invalidates = [
    ['admissions', hospitalId],
    ['patients', hospitalId],
  ];
  const admit = useCommand(
    (_: undefined, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/admissions/admit-patient',
        hospitalId,
        { stayId: admitting!.stayId, patientId: admitting!.patientId, bedId: bed.bedId },
        { idempotencyKey: key },
      ),
    invalidates,
  );
  const clean = useCommand(
    (_: undefined, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/admissions/mark-bed-clean',
        hospitalId,
        { bedId: bed.bedId },
        {
          idempotencyKey: key,
          ifMatch: bed.revision,
        },
      ),
    invalidates,
  );
  const transfer = useCommand(
    (toBedId: string, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/admissions/transfer-patient',
        hospitalId,
        { stayId: bed.stayId!, fromBedId: bed.bedId, toBedId },
        { idempotencyKey: key, ...ifMatchStay },
      ),
    invalidates,
  );
  const discharge = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/admissions/discharge-patient',
        hospitalId,
        {
          stayId: bed.stayId!,
          patientId: bed.patientId!,
          bedId: bed.bedId,
          reason: (v['reason'] ?? 'home') as 'home' | 'transfer' | 'death' | 'against_advice',
          disposition: (v['disposition'] ?? 'home') as 'home',
        },
        { idempotencyKey: key, ...ifMatchStay },
      ),
    invalidates,
  );
  const admitted = admit.lastOk !== undefined;
  return (
    <li className={`bed bed-${bed.status}`} aria-label={`Bed ${bed.label}, ${STATUS_WORDS[bed.status]}`}>
      <p className="bed-label">
        Bed {bed.label} <span className="bed-status">{STATUS_WORDS[bed.status]}</span>
      </p>
      {bed.patientId ? (
        <p>
          <a href={href('patients', bed.patientId)}>
            {bed.patient ? `${bed.patient.displayName} (${bed.patient.mrn})` : 'Patient'}
          </a>
        </p>
      ) : null}
      {bed.status === 'free' && admitting && !admitted ? (
        <button type="button" onClick={() => admit.mutate(undefined)} disabled={admit.isPending}>
          Admit here
        </button>
      ) : null}
      {bed.status === 'to_clean' ? (
        <button type="button" onClick={() => clean.mutate(undefined)} disabled={clean.isPending}>
          Mark clean
        </button>
      ) : null}
      {bed.status === 'occupied' ? (
        <div className="bed-actions">
          <button
            type="button"
            aria-expanded={action === 'transfer'}
            onClick={() => setAction(action === 'transfer' ? undefined : 'transfer')}
          >
            Transfer
          </button>{' '}
          <button
            type="button"
            aria-expanded={action === 'discharge'}
            onClick={() => setAction(action === 'discharge' ? undefined : 'discharge')}
          >
            Discharge
          </button>
        </div>
      ) : null}
      {action === 'transfer' ? (
        <form
          aria-label={`Transfer from bed ${bed.label}`}
          onSubmit={(e) => {
            e.preventDefault();
            transfer.mutate(formValues(e.currentTarget)['toBedId'] ?? '');
          }}
        >
          <Field
            label="To bed"
            name="toBedId"
            error={transfer.fieldErrors['toBedId'] ?? transfer.fieldErrors['bedId']}
            options={beds.filter((b) => b.status === 'free').map((b) => [b.bedId, b.label] as const)}
          />
          <button type="submit" disabled={transfer.isPending || stayRevision === undefined}>
            Transfer
          </button>
        </form>
      ) : null}
      {action === 'discharge' ? (
        <form
          aria-label={`Discharge from bed ${bed.label}`}
          onSubmit={(e) => {
            e.preventDefault();
            discharge.mutate(formValues(e.currentTarget));
          }}
        >
          <Field
            label="Reason"
            name="reason"
            options={[
              ['home', 'Home'],
              ['transfer', 'Transfer to another facility'],
              ['against_advice', 'Against medical advice'],
              ['death', 'Death'],
            ]}
          />
          <Field
            label="Disposition"
            name="disposition"
            options={[
              ['home', 'Home'],
              ['other_hcf', 'Other healthcare facility'],
              ['aadvice', 'Left against advice'],
              ['exp', 'Expired'],
              ['oth', 'Other'],
            ]}
          />
          <button type="submit" disabled={discharge.isPending || stayRevision === undefined}>
            Discharge
          </button>
        </form>
      ) : null}
      {[admit, clean, transfer, discharge].map((m, i) =>
        m.problem ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: four fixed commands, always in this order
          <div key={i}>
            {m.fieldErrors['bedId'] || m.fieldErrors['stayId'] ? (
              <p className="field-error" role="alert">
                {m.fieldErrors['bedId'] ?? m.fieldErrors['stayId']}
              </p>
            ) : null}
            <ProblemNotice problem={m.problem} />
          </div>
        ) : null,
      )}
    </li>
  );
}
