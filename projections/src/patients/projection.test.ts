import {
  createMemoryKeyStore,
  LruCache,
  MemoryEventStore,
  MemoryReadStore,
  type RecordedEvent,
} from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { projectionFor } from '../registry.js';
import { Applier, type BatchProgress } from '../runtime/applier.js';
import { decodeStored } from '../runtime/decode.js';
import { revealWith } from '../runtime/personal-data.js';
import { liveNaming } from '../runtime/view-naming.js';
import { applyAll, snapshot } from '../testing/apply-all.js';
import { HospitalHistory } from '../testing/hospital-history.js';
import { PATIENT_SEARCH, PATIENT_SUMMARY } from './views.js';

const at = '2025-03-01T08:30:00.000Z';

function registration(patientId: string, mrn: string, givenName: string, familyName: string) {
  return {
    patientId,
    mrn,
    givenName,
    familyName,
    birthDate: '1984-02-29',
    sex: 'female',
    nationalId: null,
    address: '1 Harbour Road',
    phone: null,
    registeredAt: at,
  };
}

describe('patients projection', () => {
  let store: MemoryEventStore;
  let readStore: MemoryReadStore;
  let keys: ReturnType<typeof createMemoryKeyStore>;
  let history: HospitalHistory;
  let events: RecordedEvent[];
  const ada = uuidv7();
  const dup = uuidv7();

  beforeEach(async () => {
    store = new MemoryEventStore();
    readStore = new MemoryReadStore();
    keys = createMemoryKeyStore();
    history = new HospitalHistory(store, keys, 'h1');
    events = [];
    const add = async (type: string, id: string, data: Record<string, unknown>) =>
      events.push(await history.append(type, id, data));
    await add('patients.PatientRegistered', ada, registration(ada, '00000018', 'Zoë Ada', "O'Brien"));
    await add('patients.AllergyRecorded', ada, {
      patientId: ada,
      allergyId: uuidv7(),
      substance: 'penicillin',
      category: 'medication',
      criticality: 'high',
      reaction: 'hives',
      recordedAt: at,
    });
    await add('patients.PatientRegistered', dup, registration(dup, '00000026', 'Zoe', 'OBrien'));
    await add('patients.PossibleDuplicateFlagged', dup, {
      patientId: dup,
      candidatePatientId: ada,
      matchedOn: ['name_birth_date_sex'],
      flaggedAt: at,
    });
  });

  const summaryOf = (id: string) => readStore.collection(PATIENT_SUMMARY).findOne({ _id: `h1:${id}` });
  const searchOf = (id: string) => readStore.collection(PATIENT_SEARCH).findOne({ _id: `h1:${id}` });

  it('keeps one summary per patient with the personal fields decrypted', async () => {
    await applyAll('patients', events, { readStore, keys });
    const summary = await summaryOf(ada);
    expect(summary).to.include({ hospitalId: 'h1', patientId: ada, mrn: '00000018', givenName: 'Zoë Ada' });
    expect(summary).to.include({
      familyName: "O'Brien",
      birthDate: '1984-02-29',
      address: '1 Harbour Road',
      phone: null,
    });
    expect(summary?.['allergies']).to.have.length(1).and.to.have.nested.property('[0].reaction', 'hives');
    expect(summary?.['allergies']).to.have.nested.property('[0].substance', 'penicillin');
    // Her last change is the flag raised against her by the later registration (both records show it).
    expect(summary?.['position']).to.equal(events[3]!.position);
    expect(summary).to.have.nested.property(`possibleDuplicates.${dup}.resolution`, 'open');
    expect(summary?.['revision'], 'her own stream: registration and allergy').to.equal(1);
    const flagged = await summaryOf(dup);
    expect(flagged).to.have.nested.property(`possibleDuplicates.${ada}.resolution`, 'open');
  });

  it('indexes normalised names, MRN and birth date for search', async () => {
    await applyAll('patients', events, { readStore, keys });
    const search = readStore.collection(PATIENT_SEARCH);
    expect(await searchOf(ada)).to.include({ familyName: 'obrien', givenName: 'zoe ada', birthDate: '1984-02-29' });
    expect((await searchOf(ada))?.['nameTokens']).to.deep.equal(['ada', 'obrien', 'zoe']);
    const byName = await search.find(
      { hospitalId: 'h1', searchable: true, familyName: 'obrien' },
      { sort: { mrn: 1 } },
    );
    expect(byName.map((d) => d['patientId'])).to.deep.equal([ada, dup]);
    expect(await search.count({ hospitalId: 'h1', searchable: true, mrn: '00000026' })).to.equal(1);
  });

  it('applies demographic changes to the summary and the search keys', async () => {
    events.push(
      await history.append('patients.PatientDemographicsUpdated', ada, {
        patientId: ada,
        givenName: null,
        familyName: 'Lovelace-King',
        birthDate: null,
        sex: null,
        nationalId: null,
        address: null,
        phone: '555-0100',
        updatedAt: at,
      }),
    );
    await applyAll('patients', events, { readStore, keys });
    expect(await summaryOf(ada)).to.include({ givenName: 'Zoë Ada', familyName: 'Lovelace-King', phone: '555-0100' });
    expect((await searchOf(ada))?.['nameTokens']).to.deep.equal(['ada', 'king', 'lovelace', 'zoe']);
  });

  it('points a merged duplicate to its survivor and records the merge on the survivor', async () => {
    events.push(
      await history.append('patients.PatientMergedInto', dup, { patientId: dup, survivorPatientId: ada, mergedAt: at }),
      await history.append('patients.DuplicatePatientMerged', ada, {
        patientId: ada,
        mergedPatientId: dup,
        mergedAt: at,
      }),
    );
    await applyAll('patients', events, { readStore, keys });
    expect(await summaryOf(dup)).to.include({ status: 'merged', mergedInto: ada });
    expect(await searchOf(dup)).to.include({ status: 'merged', mergedInto: ada });
    expect((await summaryOf(ada))?.['mergedFrom']).to.deep.equal([dup]);
  });

  it('reads erased personal data as erased and drops the patient out of search', async () => {
    await keys.erase('h1', { kind: 'patient', id: ada });
    events.push(
      await history.append('patients.PatientPersonalDataErased', ada, {
        patientId: ada,
        legalBasis: 'patient_request',
        erasedAt: at,
      }),
    );
    await applyAll('patients', events, { readStore, keys });
    const summary = await summaryOf(ada);
    expect(summary).to.include({ erased: true, givenName: '[erased]', familyName: '[erased]', birthDate: '[erased]' });
    expect(summary).to.include({ phone: null, mrn: '00000018' });
    expect(summary?.['allergies']).to.have.nested.property('[0].reaction', '[erased]');
    expect(summary?.['allergies'], 'free-text substance is personal').to.have.nested.property(
      '[0].substance',
      '[erased]',
    );
    expect(await searchOf(ada))
      .to.include({ searchable: false, erased: true })
      .and.not.to.have.property('familyName');
    const found = await readStore.collection(PATIENT_SEARCH).find({ hospitalId: 'h1', searchable: true });
    expect(found.map((d) => d['patientId'])).to.deep.equal([dup]);
  });

  it('erasure seen live equals erasure seen by a rebuild after the key is gone', async () => {
    await applyAll('patients', events, { readStore, keys });
    await keys.erase('h1', { kind: 'patient', id: ada });
    const erased = await history.append('patients.PatientPersonalDataErased', ada, {
      patientId: ada,
      legalBasis: 'patient_request',
      erasedAt: at,
    });
    await applyAll('patients', [erased], { readStore, keys });
    const rebuilt = new MemoryReadStore();
    await applyAll('patients', [...events, erased], { readStore: rebuilt, keys });
    const views = [PATIENT_SUMMARY, PATIENT_SEARCH];
    expect(await snapshot(readStore, views)).to.deep.equal(await snapshot(rebuilt, views));
  });

  it('forgets the cached key when the erasure is projected: nothing of the patient decrypts after it', async () => {
    const reveal = revealWith(keys);
    const applier = new Applier(projectionFor('patients'), { readStore, naming: liveNaming(), reveal });
    const allergy = decodeStored(events[1]!);
    const progress: BatchProgress = new Map();
    await applier.apply(decodeStored(events[0]!), progress);
    await keys.erase('h1', { kind: 'patient', id: ada });
    expect(
      (await reveal(allergy, ada))['reaction'],
      'key erased in the store, erasure not yet projected: the cached key still serves',
    ).to.equal('hives');
    const erased = await history.append('patients.PatientPersonalDataErased', ada, {
      patientId: ada,
      legalBasis: 'patient_request',
      erasedAt: at,
    });
    await applier.apply(decodeStored(erased), progress);
    await applier.commit(progress);
    expect((await reveal(allergy, ada))['reaction']).to.equal('[erased]');
    expect(await summaryOf(ada)).to.include({ erased: true, givenName: '[erased]' });
  });

  it('is idempotent: every event applied twice, or the whole batch again, leaves identical documents', async () => {
    events.push(
      await history.append('patients.PatientDeathRecorded', ada, {
        patientId: ada,
        diedAt: at,
        causeCode: 'I21.9',
        recordedAt: at,
      }),
    );
    const views = [PATIENT_SUMMARY, PATIENT_SEARCH];
    await applyAll('patients', events, { readStore, keys });
    const once = await snapshot(readStore, views);
    await applyAll('patients', events, { readStore, keys });
    expect(await snapshot(readStore, views)).to.deep.equal(once);

    const twice = new MemoryReadStore();
    await applyAll(
      'patients',
      events.flatMap((e) => [e, e]),
      { readStore: twice, keys },
    );
    expect(await snapshot(twice, views)).to.deep.equal(once);
    // An older event replayed after newer ones changes nothing either.
    await applyAll('patients', [events[1]!, events[0]!], { readStore: twice, keys });
    expect(await snapshot(twice, views)).to.deep.equal(once);
  });

  it('records per hospital the last position applied and bumps the generation of each view it wrote', async () => {
    const cache = new LruCache();
    await applyAll('patients', events, { readStore, keys, cache });
    const position = await readStore.collection('projector_positions').findOne({ _id: 'patients:h1' });
    expect(position).to.include({ position: events.at(-1)!.position, module: 'patients', hospitalId: 'h1' });
    expect(await cache.generation('h1', PATIENT_SUMMARY)).to.equal(1);
    expect(await cache.generation('h1', PATIENT_SEARCH)).to.equal(1);
    expect(await cache.generation('h2', PATIENT_SUMMARY)).to.equal(0);
    await applyAll('patients', events.slice(0, 1), { readStore, keys, cache });
    const after = await readStore.collection('projector_positions').findOne({ _id: 'patients:h1' });
    expect(after?.['position'], 'positions only move forward').to.equal(events.at(-1)!.position);
  });
});
