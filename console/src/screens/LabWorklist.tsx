import { useState } from 'react';
import { useCan } from '../session/can.js';
import { useSession } from '../session/session.js';
import { firstError, useFocusOnProblem } from '../ui/check.js';
import { Field, formValues, ProblemNotice, readableOf, useCommand } from '../ui/forms.js';
import { href } from '../ui/nav.js';
import { minutesText, resultText } from './lab-format.js';
import {
  type CatalogueEntry,
  type LabSection,
  labKey,
  useLabCatalogue,
  useWorklist,
  type WorklistItem,
  type WorklistStage,
} from './lab-queries.js';

const STAGES: readonly (readonly [WorklistStage, string])[] = [
  ['awaiting_collection', 'Awaiting collection'],
  ['awaiting_receipt', 'Awaiting receipt'],
  ['in_progress', 'In progress'],
  ['awaiting_verification', 'Awaiting verification'],
];
const SECTIONS: readonly (readonly [LabSection | '', string])[] = [
  ['', 'Every section'],
  ['chemistry', 'Chemistry'],
  ['haematology', 'Haematology'],
  ['coagulation', 'Coagulation'],
  ['immunology', 'Immunology'],
  ['microbiology', 'Microbiology'],
  ['urinalysis', 'Urinalysis'],
  ['blood_bank', 'Blood bank'],
  ['other', 'Other'],
];
const REJECT_REASONS: readonly (readonly [string, string])[] = [
  ['haemolysed', 'Haemolysed'],
  ['clotted', 'Clotted'],
  ['insufficient', 'Insufficient volume'],
  ['mislabelled', 'Mislabelled'],
  ['unlabelled', 'Unlabelled'],
  ['wrong_container', 'Wrong container'],
  ['contaminated', 'Contaminated'],
  ['leaked', 'Leaked in transport'],
  ['too_old', 'Too old to test'],
  ['other', 'Other'],
];

/** One stage's worklist, earliest due first; each row offers the next step the role may take. */
export function LabWorklist({ stage }: { stage: WorklistStage }) {
  const [section, setSection] = useState<LabSection | ''>('');
  const worklist = useWorklist(stage, section || undefined);
  const catalogue = useLabCatalogue();
  const items = worklist.data?.items ?? [];
  return (
    <section aria-labelledby="worklist-heading">
      <h2 id="worklist-heading">Worklists</h2>
      <nav aria-label="Worklist stages" className="subnav">
        <ul>
          {STAGES.map(([key, label]) => (
            <li key={key}>
              <a href={href('lab', 'worklist', key)} aria-current={stage === key ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="inline">
        <label htmlFor="lab-section">Section</label>
        <select id="lab-section" value={section} onChange={(e) => setSection(e.currentTarget.value as LabSection | '')}>
          {SECTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <ProblemNotice problem={readableOf(worklist.error ?? catalogue.error)} />
      {worklist.data && items.length === 0 ? <p role="status">Nothing waiting here.</p> : null}
      {items.length > 0 ? (
        <table className="worklist">
          <caption>
            {STAGES.find(([key]) => key === stage)?.[1]}, earliest due first
            {worklist.data?.nextCursor ? ' (the first 100)' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Priority</th>
              <th scope="col">Test</th>
              <th scope="col">Specimen</th>
              <th scope="col">Result</th>
              <th scope="col">Next step</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <WorklistRow
                key={`${item.orderId}/${item.testCode}`}
                item={item}
                test={catalogue.data?.items.find((t) => t.kind === 'test' && t.code === item.testCode)}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function WorklistRow({ item, test }: { item: WorklistItem; test: CatalogueEntry | undefined }) {
  const overdue = item.minutesToTarget < 0;
  return (
    <tr data-order-id={item.orderId} data-test-code={item.testCode}>
      <td className={overdue ? 'alert-text' : undefined}>
        {overdue ? `overdue ${minutesText(item.minutesToTarget)}` : `in ${minutesText(item.minutesToTarget)}`}
      </td>
      <td>{item.priority === 'routine' ? 'routine' : <strong>{item.priority}</strong>}</td>
      <td>
        {item.testName} <span className="muted">({item.testCode})</span>
      </td>
      <td>
        {item.accessionNumber ?? '—'}{' '}
        <a href={href('lab', 'orders', item.orderId)} className="muted">
          order
        </a>
        {item.rejections > 0 ? <span className="badge"> {item.rejections} rejected</span> : null}
      </td>
      <td>{resultText(item.result)}</td>
      <td>
        <NextStep item={item} test={test} revision={item.orderRevision} />
      </td>
    </tr>
  );
}

/** What a next step needs of a test: a worklist row or a test of an order. */
type StepItem = Pick<WorklistItem, 'orderId' | 'testCode' | 'testName' | 'stage' | 'accessionNumber' | 'referredTo'>;
/** The order's revision as read with the item: sent as If-Match, so a step on an order that moved on is refused (412). */
type Step = { item: StepItem; revision: number };

/** The step a test is waiting for, if this role may take it (on a worklist row and on the order's page). */
export function NextStep({ item, test, revision }: Step & { test: CatalogueEntry | undefined }) {
  const can = useCan();
  switch (item.stage) {
    case 'awaiting_collection':
      return can('post /hospitals/{hospitalId}/laboratory/collect-specimen') ? (
        <Collect item={item} revision={revision} />
      ) : null;
    case 'awaiting_receipt':
      return can('post /hospitals/{hospitalId}/laboratory/receive-specimen') ? (
        <ReceiveOrReject item={item} revision={revision} />
      ) : null;
    case 'in_progress':
      return can('post /hospitals/{hospitalId}/laboratory/record-result') && !item.referredTo ? (
        <RecordResult item={item} test={test} revision={revision} />
      ) : item.referredTo ? (
        <span>Referred to {item.referredTo}</span>
      ) : null;
    case 'awaiting_verification':
      return can('post /hospitals/{hospitalId}/laboratory/verify-result') ? (
        <Verify item={item} revision={revision} />
      ) : null;
    default:
      return null;
  }
}

function useLabCommand<T>(send: (args: T, key: string) => ReturnType<ReturnType<typeof useSession>['api']['command']>) {
  const { hospitalId } = useSession();
  return useCommand(send, [labKey(hospitalId)]);
}

function Collect({ item, revision }: Step) {
  const { api, hospitalId } = useSession();
  const collect = useLabCommand((_: undefined, key) =>
    api.command(
      '/hospitals/{hospitalId}/laboratory/collect-specimen',
      hospitalId,
      { orderId: item.orderId },
      { idempotencyKey: key, ifMatch: revision },
    ),
  );
  return (
    <div>
      <button type="button" onClick={() => collect.mutate(undefined)} disabled={collect.isPending}>
        Collect specimen
      </button>
      <ProblemNotice problem={collect.problem} />
    </div>
  );
}

function ReceiveOrReject({ item, revision }: Step) {
  const { api, hospitalId } = useSession();
  const [rejecting, setRejecting] = useState(false);
  const receive = useLabCommand((accessionNumber: string | undefined, key) =>
    api.command(
      '/hospitals/{hospitalId}/laboratory/receive-specimen',
      hospitalId,
      { orderId: item.orderId, ...(accessionNumber ? { accessionNumber } : {}) },
      { idempotencyKey: key, ifMatch: revision },
    ),
  );
  const reject = useLabCommand((v: Record<string, string>, key) =>
    api.command(
      '/hospitals/{hospitalId}/laboratory/reject-specimen',
      hospitalId,
      {
        orderId: item.orderId,
        reason: (v['reason'] ?? 'other') as 'other',
        ...(v['note'] ? { note: v['note'] } : {}),
      },
      { idempotencyKey: key, ifMatch: revision },
    ),
  );
  const receiveRef = useFocusOnProblem(receive.problem);
  const rejectRef = useFocusOnProblem(reject.problem);
  return (
    <div>
      <form
        ref={receiveRef}
        aria-label={`Receive specimen ${item.accessionNumber ?? ''}`}
        onSubmit={(e) => {
          e.preventDefault();
          receive.mutate(formValues(e.currentTarget)['accessionNumber']);
        }}
      >
        <Field
          label="Scanned accession number (optional)"
          name="accessionNumber"
          error={receive.fieldErrors['accessionNumber']}
        />
        <button type="submit" disabled={receive.isPending}>
          Receive
        </button>{' '}
        <button type="button" aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)}>
          Reject…
        </button>
        <ProblemNotice problem={receive.problem} />
      </form>
      {rejecting ? (
        <form
          ref={rejectRef}
          aria-label={`Reject specimen ${item.accessionNumber ?? ''}`}
          onSubmit={(e) => {
            e.preventDefault();
            reject.mutate(formValues(e.currentTarget));
          }}
        >
          <Field label="Reason" name="reason" options={REJECT_REASONS} error={reject.fieldErrors['reason']} />
          <Field label="Note (optional)" name="note" error={reject.fieldErrors['note']} />
          <button type="submit" disabled={reject.isPending}>
            Reject specimen
          </button>
          <ProblemNotice problem={reject.problem} />
        </form>
      ) : null}
    </div>
  );
}

/** The value is entered as the test's result kind asks: a number in its unit, one of its codes, or text. */
function RecordResult({ item, test, revision }: Step & { test: CatalogueEntry | undefined }) {
  const { api, hospitalId } = useSession();
  const record = useLabCommand((v: Record<string, string>, key) => {
    const raw = v['value'] ?? '';
    const value =
      test?.resultKind === 'coded'
        ? { valueCode: raw }
        : test?.resultKind === 'text'
          ? { valueText: raw }
          : { valueNumber: raw === '' ? Number.NaN : Number(raw), ...(test?.unit ? { unit: test.unit } : {}) };
    return api.command(
      '/hospitals/{hospitalId}/laboratory/record-result',
      hospitalId,
      { orderId: item.orderId, testCode: item.testCode, ...value, ...(v['comment'] ? { comment: v['comment'] } : {}) },
      { idempotencyKey: key, ifMatch: revision },
    );
  });
  const valueError = firstError(record.fieldErrors, 'value', 'valueNumber', 'valueCode', 'valueText', 'unit');
  const formRef = useFocusOnProblem(record.problem);
  return (
    <form
      ref={formRef}
      aria-label={`Record result of ${item.testName}`}
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate(formValues(e.currentTarget));
      }}
    >
      {test?.resultKind === 'coded' ? (
        <Field
          label="Result"
          name="value"
          options={test.codedValues.map((c) => [c.code, `${c.display}${c.abnormal ? ' (abnormal)' : ''}`] as const)}
          error={valueError}
        />
      ) : (
        <Field label={test?.unit ? `Result (${test.unit})` : 'Result'} name="value" required error={valueError} />
      )}
      <Field label="Comment (optional)" name="comment" error={record.fieldErrors['comment']} />
      <button type="submit" disabled={record.isPending}>
        Record result
      </button>
      <ProblemNotice problem={record.problem} />
    </form>
  );
}

/** Verification by another supervisor than the one who entered the result (the API enforces it). */
function Verify({ item, revision }: Step) {
  const { api, hospitalId } = useSession();
  const verify = useLabCommand((_: undefined, key) =>
    api.command(
      '/hospitals/{hospitalId}/laboratory/verify-result',
      hospitalId,
      { orderId: item.orderId, testCode: item.testCode },
      { idempotencyKey: key, ifMatch: revision },
    ),
  );
  return (
    <div>
      <button type="button" onClick={() => verify.mutate(undefined)} disabled={verify.isPending}>
        Verify and release
      </button>
      <ProblemNotice problem={verify.problem} />
    </div>
  );
}
