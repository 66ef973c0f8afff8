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

interface StayBilling {
  readonly account: AccountState;
  readonly specialty: string;
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
    if (stayId === null) return { account: accountAggregate.initialState, specialty: 'other' };
    const account = (await read({ aggregate: accountAggregate, id: stayId })).state;
    const wardId =
      event.type === 'admissions.PatientAdmitted'
        ? event.data.wardId
        : event.type === 'admissions.PatientTransferred'
          ? event.data.toWardId
          : null;
    const specialty = wardId ? (await read({ aggregate: wardSpecialty, id: wardId })).state.specialty : null;
    return { account, specialty: specialty ?? 'other' };
  },
  react(event, { account, specialty }): ProcessCommand[] {
    switch (event.type) {
      case 'admissions.PatientAdmitted': {
        if (account.open) return [];
        const { stayId, patientId, wardId, admittedAt } = event.data;
        return [send(openStayAccount, `open:${stayId}`, { stayId, patientId, wardId, specialty, admittedAt })];
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
