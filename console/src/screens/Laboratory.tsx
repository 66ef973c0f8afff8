import { useCan } from '../session/can.js';
import { href } from '../ui/nav.js';
import { LabCriticals } from './LabCriticals.js';
import { LabOrderDetail, LabOrderForm } from './LabOrder.js';
import { LabWorklist } from './LabWorklist.js';
import type { WorklistStage } from './lab-queries.js';

const WORKLIST = 'get /hospitals/{hospitalId}/laboratory/worklist';
const CRITICALS = 'get /hospitals/{hospitalId}/laboratory/critical-results';

/**
 * The laboratory: `#/lab/worklist/<stage>` (the bench's worklists), `#/lab/critical` (open critical
 * results, with the read-back acknowledgement), `#/lab/order/<patientId>` (order tests, the
 * patient's results) and `#/lab/orders/<orderId>` (one order). Which of them a role is offered
 * comes from the APIs' roles.
 */
export function Laboratory({ view, arg }: { view: string | undefined; arg: string | undefined }) {
  const can = useCan();
  const current = view ?? (can(WORKLIST) ? 'worklist' : 'critical');
  return (
    <div>
      <nav aria-label="Laboratory" className="subnav">
        <ul>
          {can(WORKLIST) ? (
            <li>
              <a href={href('lab', 'worklist')} aria-current={current === 'worklist' ? 'page' : undefined}>
                Worklists
              </a>
            </li>
          ) : null}
          {can(CRITICALS) ? (
            <li>
              <a href={href('lab', 'critical')} aria-current={current === 'critical' ? 'page' : undefined}>
                Open critical results
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
      {current === 'worklist' && can(WORKLIST) ? (
        <LabWorklist stage={(arg as WorklistStage | undefined) ?? 'awaiting_collection'} />
      ) : current === 'critical' && can(CRITICALS) ? (
        <LabCriticals />
      ) : current === 'order' && arg ? (
        <LabOrderForm patientId={arg} />
      ) : current === 'orders' && arg ? (
        <LabOrderDetail orderId={arg} />
      ) : (
        <p>Your role has no laboratory screen here: switch role to a clinician or the laboratory’s staff.</p>
      )}
    </div>
  );
}
