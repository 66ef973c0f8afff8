import { createMemoryKeyStore, MemoryEventStore, MemoryReadStore, type RecordedEvent } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { applyAll, snapshot } from '../testing/apply-all.js';
import { HospitalHistory } from '../testing/hospital-history.js';
import { BED_BOARD, STAYS, WARDS } from './views.js';

const at = '2025-03-01T08:30:00.000Z';

describe('admissions projection', () => {
  let readStore: MemoryReadStore;
  let keys: ReturnType<typeof createMemoryKeyStore>;
  let history: HospitalHistory;
  let events: RecordedEvent[];
  const ward = uuidv7();
  const bed1 = uuidv7();
  const bed2 = uuidv7();
  const stay = uuidv7();
  const patient = uuidv7();
  const add = async (type: string, id: string, data: Record<string, unknown>) =>
    events.push(await history.append(`admissions.${type}`, id, data));

  beforeEach(async () => {
    readStore = new MemoryReadStore();
    keys = createMemoryKeyStore();
    history = new HospitalHistory(new MemoryEventStore(), keys, 'h1');
    events = [];
    await add('WardDefined', ward, { wardId: ward, name: 'Cardiology 3 East', specialty: 'medical', definedAt: at });
    await add('BedAdded', bed1, { bedId: bed1, wardId: ward, label: '3E-01', addedAt: at });
    await add('BedAdded', bed2, { bedId: bed2, wardId: ward, label: '3E-02', addedAt: at });
    await add('AdmissionRequested', stay, {
      stayId: stay,
      patientId: patient,
      wardId: ward,
      reason: 'chest pain',
      requestedAt: at,
    });
    await add('PatientAdmitted', stay, { stayId: stay, patientId: patient, bedId: bed1, wardId: ward, admittedAt: at });
    await add('BedOccupied', bed1, { bedId: bed1, stayId: stay, patientId: patient, occupiedAt: at });
  });

  const bed = (id: string) => readStore.collection(BED_BOARD).findOne({ _id: `h1:${id}` });
  const stayDoc = () => readStore.collection(STAYS).findOne({ _id: `h1:${stay}` });

  it('shows each bed of a ward with its status and occupant', async () => {
    await applyAll('admissions', events, { readStore, keys });
    expect(await bed(bed1)).to.include({
      wardId: ward,
      label: '3E-01',
      status: 'occupied',
      stayId: stay,
      patientId: patient,
    });
    expect(await bed(bed2)).to.include({ status: 'free', stayId: null, patientId: null });
    expect(await readStore.collection(WARDS).findOne({ _id: `h1:${ward}` })).to.include({ name: 'Cardiology 3 East' });
    const census = await readStore.collection(BED_BOARD).count({ hospitalId: 'h1', wardId: ward, status: 'occupied' });
    expect(census).to.equal(1);
    const inPatients = await readStore
      .collection(STAYS)
      .count({ hospitalId: 'h1', wardId: ward, status: { $in: ['in_progress', 'on_leave'] } });
    expect(inPatients).to.equal(1);
  });

  it('keeps the stay history: transfer, leave, discharge; the bed goes to cleaning, then free', async () => {
    await add('PatientTransferred', stay, {
      stayId: stay,
      patientId: patient,
      fromBedId: bed1,
      toBedId: bed2,
      toWardId: ward,
      swappedWithStayId: null,
      transferredAt: at,
    });
    await add('BedVacated', bed1, { bedId: bed1, stayId: stay, cause: 'transfer', vacatedAt: at });
    await add('BedOccupied', bed2, { bedId: bed2, stayId: stay, patientId: patient, occupiedAt: at });
    await add('LeaveStarted', stay, { stayId: stay, patientId: patient, expectedReturnAt: null, startedAt: at });
    // The history holds what was appended, in order, before the projection sees it.
    expect(events.slice(-4).map((e) => e.type)).to.deep.equal([
      'admissions.PatientTransferred',
      'admissions.BedVacated',
      'admissions.BedOccupied',
      'admissions.LeaveStarted',
    ]);
    await applyAll('admissions', events, { readStore, keys });
    expect(await stayDoc()).to.include({ status: 'on_leave', bedId: bed2 });
    expect(await bed(bed1)).to.include({ status: 'to_clean', stayId: null });

    await add('LeaveEnded', stay, { stayId: stay, patientId: patient, endedAt: at });
    await add('PatientDischarged', stay, {
      stayId: stay,
      patientId: patient,
      bedId: bed2,
      reason: 'home',
      disposition: 'home',
      dischargedAt: at,
    });
    await add('BedVacated', bed2, { bedId: bed2, stayId: stay, cause: 'discharge', vacatedAt: at });
    await add('BedCleaned', bed1, { bedId: bed1, cleanedAt: at });
    await applyAll('admissions', events, { readStore, keys });
    const finished = await stayDoc();
    expect(finished).to.include({ status: 'finished', dischargeReason: 'home', dischargedAt: at, leave: null });
    expect(finished?.['transfers']).to.have.length(1).and.to.have.nested.property('[0].toBedId', bed2);
    expect(finished).not.to.have.property('reason');
    expect(await bed(bed1)).to.include({ status: 'free' });
    expect(await bed(bed2)).to.include({ status: 'to_clean' });
    const history = await readStore.collection(STAYS).find({ hospitalId: 'h1', patientId: patient });
    expect(history).to.have.length(1);
  });

  it('is idempotent: the batch twice, or each event twice, gives identical documents', async () => {
    await add('BedClosed', bed2, { bedId: bed2, reason: 'maintenance', closedAt: at });
    const views = [BED_BOARD, STAYS, WARDS];
    await applyAll('admissions', events, { readStore, keys });
    const once = await snapshot(readStore, views);
    await applyAll('admissions', events, { readStore, keys });
    expect(await snapshot(readStore, views)).to.deep.equal(once);
    const twice = new MemoryReadStore();
    await applyAll(
      'admissions',
      events.flatMap((e) => [e, e]),
      { readStore: twice, keys },
    );
    expect(await snapshot(twice, views)).to.deep.equal(once);
  });
});
