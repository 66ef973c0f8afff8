import { projectedModuleNames } from '@chartline/events';
import {
  type Cache,
  createDevTokenIssuer,
  createMemoryKeyStore,
  type EventStore,
  type KeyStore,
  MemoryEventStore,
  MemoryReadStore,
  type ReadStore,
} from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { applyAll } from '../../../projections/src/testing/apply-all.js';
// Test-only reach into the projections: the read models under test are written by the real
// projection handlers from real sealed events, never hand-written documents.
import { HospitalHistory } from '../../../projections/src/testing/hospital-history.js';

export interface SeededHospital {
  readonly hospitalId: string;
  readonly wardId: string;
  readonly bedIds: readonly [string, string];
  readonly ada: string;
  readonly zoe: string;
  readonly adaStay: string;
  /** A nurse rostered on the ward (HR), with a licence, a shift and a leave request. */
  readonly staffId: string;
  /** A stat potassium order for Ada from the ward, resulted critically high (open critical). */
  readonly labOrderId: string;
  /** Appends more of this hospital's story, chained on the streams above. */
  readonly history: HospitalHistory;
}

export interface Stores {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly keys: KeyStore;
  readonly cache?: Cache;
}

export function memoryStores(): Stores {
  return { eventStore: new MemoryEventStore(), readStore: new MemoryReadStore(), keys: createMemoryKeyStore() };
}

/** Projects everything in the store through every module's projection (what the pipeline would do). */
export async function project(stores: Stores): Promise<void> {
  const events = await stores.eventStore.readAll();
  const deps = { readStore: stores.readStore, keys: stores.keys, ...(stores.cache ? { cache: stores.cache } : {}) };
  for (const module of projectedModuleNames) await applyAll(module, events, deps);
}

const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 8, minute)).toISOString();

/** A ward with two beds, two patients, one of them admitted to the first bed. */
export async function seedHospital(stores: Stores, hospitalId: string): Promise<SeededHospital> {
  const history = new HospitalHistory(stores.eventStore, stores.keys, hospitalId);
  const wardId = uuidv7();
  const bedIds = [uuidv7(), uuidv7()] as const;
  const ada = uuidv7();
  const zoe = uuidv7();
  const adaStay = uuidv7();
  await history.append('hospitals.HospitalRegistered', hospitalId, {
    hospitalId,
    name: `Hospital ${hospitalId}`,
    timeZone: 'Europe/London',
    currency: 'GBP',
    registeredAt: at(0),
  });
  await history.append('admissions.WardDefined', wardId, {
    wardId,
    name: 'Cardiology 3 East',
    specialty: 'medical',
    definedAt: at(0),
  });
  for (const [i, bedId] of bedIds.entries()) {
    await history.append('admissions.BedAdded', bedId, { bedId, wardId, label: `3E-0${i + 1}`, addedAt: at(1) });
  }
  const register = (patientId: string, mrn: string, givenName: string, familyName: string, birthDate: string) =>
    history.append('patients.PatientRegistered', patientId, {
      patientId,
      mrn,
      givenName,
      familyName,
      birthDate,
      sex: 'female',
      nationalId: null,
      address: null,
      phone: null,
      registeredAt: at(2),
    });
  await register(ada, '00000018', 'Ada', 'Lovelace', '1815-12-10');
  await register(zoe, '00000026', 'Zoë', "O'Brien", '1990-04-01');
  await history.append('admissions.AdmissionRequested', adaStay, {
    stayId: adaStay,
    patientId: ada,
    wardId,
    reason: 'chest pain',
    requestedAt: at(3),
  });
  await history.append('admissions.StayOpened', ada, { patientId: ada, stayId: adaStay, openedAt: at(3) });
  await history.append('admissions.BedOccupied', bedIds[0], {
    bedId: bedIds[0],
    stayId: adaStay,
    patientId: ada,
    occupiedAt: at(4),
  });
  await history.append('admissions.PatientAdmitted', adaStay, {
    stayId: adaStay,
    patientId: ada,
    bedId: bedIds[0],
    wardId,
    admittedAt: at(4),
  });
  // The stay's billing account, as the billing charge-capture process manager opens it.
  await history.append('billing.AccountOpened', adaStay, {
    accountId: adaStay,
    patientId: ada,
    kind: 'inpatient',
    stayId: adaStay,
    currency: 'GBP',
    openedAt: at(4),
  });
  await seedInventory(history, { wardId, patientId: ada, stayId: adaStay });
  const staffId = await seedStaff(history, wardId);
  const labOrderId = await seedLabOrder(history, ada, adaStay, wardId);
  return { hospitalId, wardId, bedIds, ada, zoe, adaStay, staffId, labOrderId, history };
}

/** A nurse of the ward (HR): onboarded, licensed (expiring early February), rostered on 20 January, asking for leave. */
async function seedStaff(history: HospitalHistory, wardId: string): Promise<string> {
  const staffId = uuidv7();
  const shiftTypeId = uuidv7();
  const licenceId = uuidv7();
  await history.append('hr.StaffOnboarded', staffId, {
    staffId,
    givenName: 'Florence',
    familyName: 'Nightingale',
    department: 'Medicine',
    jobTitle: 'Staff nurse',
    practitionerRoles: ['nurse'],
    startDate: '2025-01-01',
    onboardedAt: at(5),
  });
  await history.append('hr.LicenceRecorded', staffId, {
    staffId,
    licenceId,
    qualification: 'Registered nurse',
    number: 'RN-0001',
    issuer: 'Nursing Council',
    validFrom: '2024-02-01',
    validTo: '2025-02-01',
    recordedAt: at(5),
  });
  await history.append('hr.ShiftTypeDefined', shiftTypeId, {
    shiftTypeId,
    name: 'Day',
    startTime: '07:00',
    endTime: '19:00',
    clinical: true,
    requiredStaff: 2,
    definedAt: at(5),
  });
  await history.append('hr.ShiftAssigned', staffId, {
    staffId,
    shiftId: uuidv7(),
    shiftTypeId,
    wardId,
    date: '2025-01-20',
    startsAt: '2025-01-20T07:00:00.000Z',
    endsAt: '2025-01-20T19:00:00.000Z',
    clinical: true,
    swapId: null,
    assignedAt: at(6),
  });
  await history.append('hr.LeaveBalanceCredited', staffId, {
    staffId,
    leaveType: 'annual',
    days: 25,
    creditedAt: at(6),
  });
  await history.append('hr.LeaveRequested', staffId, {
    staffId,
    leaveId: uuidv7(),
    leaveType: 'annual',
    from: '2025-02-10',
    to: '2025-02-12',
    days: 3,
    requestedBy: 'user-nurse',
    requestedAt: at(6),
  });
  return staffId;
}

/** A potassium test, and a stat order for the patient resulted critically high, with a comment. */
async function seedLabOrder(history: HospitalHistory, patientId: string, stayId: string, wardId: string) {
  const orderId = uuidv7();
  const testCode = '2823-3';
  await history.append('laboratory.LabTestDefined', testCode, {
    testCode,
    name: 'Potassium',
    section: 'chemistry',
    specimenType: 'serum',
    resultKind: 'numeric',
    unit: 'mmol/L',
    codedValues: [],
    turnaroundStatMinutes: 45,
    turnaroundAsapMinutes: null,
    turnaroundUrgentMinutes: null,
    turnaroundRoutineMinutes: null,
    definedAt: at(5),
  });
  const on = { orderId, patientId };
  await history.append('laboratory.LabTestOrdered', orderId, {
    ...on,
    testCode,
    testName: 'Potassium',
    section: 'chemistry',
    specimenType: 'serum',
    panelCode: null,
    stayId,
    wardId,
    priority: 'stat',
    orderingPractitionerId: 'dr-1',
    turnaroundTargetMinutes: 45,
    orderedAt: at(6),
  });
  const specimen = { specimenId: uuidv7(), accessionNumber: 'L00000001D' };
  await history.append('laboratory.LabSpecimenCollected', orderId, {
    ...on,
    ...specimen,
    specimenType: 'serum',
    collectedBy: 'nurse-1',
    collectedAt: at(7),
  });
  await history.append('laboratory.LabSpecimenReceived', orderId, { orderId, ...specimen, receivedAt: at(8) });
  await history.append('laboratory.LabResultRecorded', orderId, {
    ...on,
    testCode,
    accessionNumber: specimen.accessionNumber,
    valueNumber: 7.1,
    valueCode: null,
    valueText: null,
    unit: 'mmol/L',
    flag: 'critically_high',
    rangeLow: 3.5,
    rangeHigh: 5.1,
    criticalLow: 2.5,
    criticalHigh: 6.5,
    rangesVersion: 1,
    performer: null,
    comment: 'Lovelace sample slightly haemolysed',
    enteredBy: 'tech-1',
    recordedAt: at(9),
  });
  await history.append('laboratory.LabCriticalResultRaised', orderId, {
    ...on,
    testCode,
    wardId,
    flag: 'critically_high',
    valueNumber: 7.1,
    unit: 'mmol/L',
    raisedAt: at(9),
  });
  return orderId;
}

/** A pharmacy with one lot of one item, some issued to the ward and some to Ada's stay. */
async function seedInventory(
  history: HospitalHistory,
  to: { readonly wardId: string; readonly patientId: string; readonly stayId: string },
): Promise<void> {
  const itemId = uuidv7();
  const locationId = uuidv7();
  const lotId = uuidv7();
  const point = `${locationId}.${itemId}`;
  await history.append('inventory.ItemDefined', itemId, {
    itemId,
    code: 'PARA500',
    name: 'Paracetamol 500 mg tablet',
    unitOfMeasure: 'tablet',
    packSize: 100,
    category: 'medicine',
    batchTracked: true,
    controlledSubstance: false,
    definedAt: at(5),
  });
  await history.append('inventory.LocationDefined', locationId, {
    locationId,
    code: 'PH',
    name: 'Main pharmacy',
    kind: 'pharmacy',
    wardId: null,
    definedAt: at(5),
  });
  const lot = {
    itemId,
    locationId,
    lotId,
    lotNumber: 'L-2401',
    expiryDate: '2025-02-10',
    unitCostMinor: 12,
    currency: 'GBP',
  };
  await history.append('inventory.StockReceived', point, {
    ...lot,
    quantity: 100,
    onHandAfter: 100,
    receiptId: uuidv7(),
    supplier: 'Acme Pharma',
    receivedAt: at(6),
  });
  await history.append('inventory.StockIssuedToWard', point, {
    ...lot,
    quantity: 10,
    onHandAfter: 90,
    issueId: uuidv7(),
    wardId: to.wardId,
    witnessId: null,
    issuedAt: at(7),
  });
  await history.append('inventory.StockIssuedToPatient', point, {
    ...lot,
    quantity: 2,
    onHandAfter: 88,
    issueId: uuidv7(),
    patientId: to.patientId,
    stayId: to.stayId,
    witnessId: null,
    issuedAt: at(8),
  });
}

/** Tokens of a dev issuer, and the verifier options that accept them. */
export function tokens() {
  const issuer = createDevTokenIssuer();
  return {
    auth: { issuer: issuer.issuer, audience: issuer.audience, publicKey: issuer.publicKey },
    mint: (role: string, hospitals: readonly string[], sub = `user-${role}`) => issuer.mint({ sub, role, hospitals }),
  };
}
