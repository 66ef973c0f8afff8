import { useCan } from '../session/can.js';
import { href } from '../ui/nav.js';

/** From a stay on the patient's record to the stores (issue to it) and to its account, as the role may. */
export function StayLinks({ patientId, stayId, active }: { patientId: string; stayId: string; active: boolean }) {
  const can = useCan();
  const links = [
    active && can('post /hospitals/{hospitalId}/inventory/issue-stock') ? (
      <a key="issue" href={href('stock', 'issue', patientId, stayId)}>
        Issue stock
      </a>
    ) : null,
    can('get /hospitals/{hospitalId}/billing/accounts/{accountId}/statement') ? (
      <a key="account" href={href('billing', 'account', stayId)}>
        Account
      </a>
    ) : null,
  ].filter((l) => l !== null);
  return links.length === 0 ? '—' : <>{links.flatMap((l, i) => (i === 0 ? [l] : [' · ', l]))}</>;
}
