import type { AdmissionsEventNamed } from '../../admissions/index.js';
import { defineProcessManager, type ProcessCommand, send } from '../../process-manager/define.js';
import type { Aggregate } from '../../shared/command-spec.js';
import { type AccountState, accountAggregate } from '../account.js';
import { captureClinicalCharge, openStayAccount, recordStayDischarge, recordStayTransfer } from '../commands.js';

interface WardSpecialty {
  readonly specialty: string | null;
}

/** Billing's own reading of a ward stream: only its specialty, which prices its bed-days. */
const wardSpecialty: Aggregate<WardSpecialty, AdmissionsEventNamed<'WardDefined'>> = {
  name: 'ward',
  initialState: { specialty: null },
  evolve: (state, event) => (event.type === 'WardDefined' ? { specialty: event.data.specialty } : state),
};

/** Billing's own reading of a stay stream: its admission, which opens the stay's account. */
interface StayAdmission {
  readonly admitted: AdmissionsEventNamed<'PatientAdmitted'>['data'] | null;
}
const stayAdmission: Aggregate<StayAdmission, AdmissionsEventNamed<'PatientAdmitted'>> = {
  name: 'stay',
  initialState: { admitted: null },
  evolve: (state, event) => (event.type === 'PatientAdmitted' ? { admitted: event.data } : state),
};

/** The stay's account opened from its admission (one key: whichever event opens it, the other adds nothing). */
const openAccount = (admitted: AdmissionsEventNamed<'PatientAdmitted'>['data'], specialty: string): ProcessCommand => {
  const { stayId, patientId, wardId, admittedAt } = admitted;
  return send(openStayAccount, `open:${stayId}`, { stayId, patientId, wardId, specialty, admittedAt });
};

interface StayBilling {
  readonly account: AccountState;
  readonly specialty: string;
  /**
   * For a lab order or stock issue whose stay has no open account yet: the stay's admission as the
   * event store has it, with its ward's specialty (null: no such admission, or the account is open).
   */
  readonly admission: {
    readonly data: AdmissionsEventNamed<'PatientAdmitted'>['data'];
    readonly specialty: string;
  } | null;
}

/**
 * Charge capture from admissions: an admission opens the stay's account (its id is the stay's), a
 * transfer charges the nights spent so far and moves later nights to the new ward's price, a
 * discharge charges the rest (bed-days: `bed-days.ts`). Bed-day charge ids derive from the stay
 * and the night, and the account remembers each night it charged, so a redelivered or replayed
 * event — or the nightly `capture-bed-days` run covering the same nights — never charges twice.
 * A lab test ordered during a stay and each lot line of stock issued to a patient's stay become a
 * charge whose id derives from the clinical event's id (one charge per event, however often it is
 * delivered); the account remembers the event id as the charge's source.
 */
export const chargeCapture = defineProcessManager({
  module: 'billing',
  name: 'charge-capture',
  consumes: [
    'admissions.PatientAdmitted',
    'admissions.PatientTransferred',
    'admissions.PatientDischarged',
    'laboratory.LabTestOrdered',
    'inventory.StockIssuedToPatient',
  ],
  async load(event, read): Promise<StayBilling> {
    const stayId = event.data.stayId ?? null;
    if (stayId === null) return { account: accountAggregate.initialState, specialty: 'other', admission: null };
    const account = (await read({ aggregate: accountAggregate, id: stayId })).state;
    const specialtyOf = async (wardId: string) =>
      (await read({ aggregate: wardSpecialty, id: wardId })).state.specialty ?? 'other';
    const wardId =
      event.type === 'admissions.PatientAdmitted'
        ? event.data.wardId
        : event.type === 'admissions.PatientTransferred'
          ? event.data.toWardId
          : null;
    const specialty = wardId ? await specialtyOf(wardId) : 'other';
    // The clinical topics are consumed beside the admissions topic, not after it: after an outage
    // (or just a slower admissions partition) a lab order or stock issue can come before the
    // admission that opens its stay's account. The admission is in the event store already.
    const clinical = event.type === 'laboratory.LabTestOrdered' || event.type === 'inventory.StockIssuedToPatient';
    const admitted =
      clinical && !account.open ? (await read({ aggregate: stayAdmission, id: stayId })).state.admitted : null;
    const admission = admitted ? { data: admitted, specialty: await specialtyOf(admitted.wardId) } : null;
    return { account, specialty, admission };
  },
  react(event, { account, specialty, admission }): ProcessCommand[] {
    // A clinical event before its stay's admission was acted on: the account is opened first, as
    // the admission would open it (same key; whichever comes second finds it open and adds nothing).
    // Parking it instead (`account-not-found`) left the charge to a hand replay — the chaos suite
    // found a hundred such after a Kafka restart.
    const openFirst = (): ProcessCommand[] =>
      admission === null ? [] : [openAccount(admission.data, admission.specialty)];
    switch (event.type) {
      case 'admissions.PatientAdmitted': {
        return account.open ? [] : [openAccount(event.data, specialty)];
      }
      case 'admissions.PatientTransferred': {
        const { stayId, toWardId, transferredAt } = event.data;
        if (account.dischargedAt !== null || account.wards.some((w) => w.from === transferredAt)) return [];
        return [
          send(recordStayTransfer, `transfer:${stayId}:${transferredAt}`, {
            stayId,
            wardId: toWardId,
            specialty,
            transferredAt,
          }),
        ];
      }
      case 'admissions.PatientDischarged': {
        const { stayId, dischargedAt } = event.data;
        if (account.dischargedAt !== null) return [];
        return [send(recordStayDischarge, `discharge:${stayId}`, { stayId, dischargedAt })];
      }
      case 'laboratory.LabTestOrdered': {
        // An order outside a stay is not charged here (outpatient lab billing is a manual charge).
        const { stayId, testCode, orderedAt } = event.data;
        if (!stayId || account.sources[event.eventId] !== undefined) return [];
        return [
          ...openFirst(),
          send(captureClinicalCharge, `lab:${event.eventId}`, {
            stayId,
            source: 'lab_order',
            sourceEventId: event.eventId,
            serviceCode: `lab:${testCode}`,
            quantity: 1,
            servedAt: orderedAt,
          }),
        ];
      }
      case 'inventory.StockIssuedToPatient': {
        const { stayId, itemId, quantity, unitCostMinor, issuedAt } = event.data;
        if (account.sources[event.eventId] !== undefined) return [];
        return [
          ...openFirst(),
          send(captureClinicalCharge, `stock:${event.eventId}`, {
            stayId,
            source: 'stock_issue',
            sourceEventId: event.eventId,
            serviceCode: `stock:${itemId}`,
            quantity,
            unitCost: unitCostMinor,
            servedAt: issuedAt,
          }),
        ];
      }
      default:
        return [];
    }
  },
});
