import { expect } from 'chai';
import type { PersonalIdentifiers } from '../observability/personal-data-in-logs.js';

/** What the scenario needs of a running Chartline, however it was started. */
export interface SystemUnderTest {
  readonly commandUrl: string;
  readonly readUrl: string;
  readonly hospitalId: string;
  mint(role: string, hospitalId: string): Promise<string>;
}

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly position: number | undefined;
}

/**
 * The whole ADT story over HTTP, as apps and auditors see it: register, flag and dismiss a
 * duplicate, admit, transfer, discharge, clean; read the views with consistency tokens; audit and
 * verify the hash chains; erase the patient's personal data and see it gone while the chain holds.
 * Returns the registered patient's identifiers, for checks that they never reached a log.
 */
export function adtScenario(system: () => SystemUnderTest): PersonalIdentifiers {
  let sut: SystemUnderTest;
  let position = 0;
  let key = 0;
  const ids: Record<string, string> = {};
  const name = { givenName: 'Scenaria', familyName: `Endtoend${Date.now() % 100000}` };
  const nationalId = `NI-${String(Date.now() % 10000).padStart(4, '0')}-7731-QE`;
  const birthDate = '1971-02-03';

  before(() => {
    sut = system();
  });

  async function command(role: string, path: string, body: object): Promise<Answer> {
    const res = await fetch(`${sut.commandUrl}/hospitals/${sut.hospitalId}/${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await sut.mint(role, sut.hospitalId)}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `scenario-${Date.now()}-${++key}`,
      },
      body: JSON.stringify(body),
    });
    const token = res.headers.get('x-consistency-token');
    const answer = {
      status: res.status,
      body: (await res.json()) as Record<string, unknown>,
      position: token ? Number(token) : undefined,
    };
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).to.be.within(200, 201);
    if (answer.position !== undefined) position = Math.max(position, answer.position);
    return answer;
  }

  /** A read that must reflect every command so far: sends the newest consistency token. */
  async function read(role: string, path: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(`${sut.readUrl}/hospitals/${sut.hospitalId}/${path}`, {
        headers: {
          Authorization: `Bearer ${await sut.mint(role, sut.hospitalId)}`,
          'X-Consistency-Token': String(position),
        },
      });
      const body = (await res.json()) as Record<string, unknown>;
      // A projector still joining its consumer group answers 503 with Retry-After: wait like an app would.
      if (res.status === 503 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      expect(res.status, `${path}: ${JSON.stringify(body)}`).to.equal(200);
      return body;
    }
  }

  it('sets up a ward with two beds', async () => {
    ids['ward'] = String(
      (await command('admin', 'admissions/define-ward', { name: 'E2E Ward', specialty: 'medical' })).body['id'],
    );
    for (const label of ['E-1', 'E-2']) {
      ids[label] = String((await command('admin', 'admissions/add-bed', { wardId: ids['ward'], label })).body['id']);
    }
  });

  it('registers a patient; a second registration with the same identity is flagged, then dismissed', async () => {
    const demographics = { ...name, birthDate, sex: 'female', nationalId };
    ids['patient'] = String((await command('front_desk', 'patients/register-patient', demographics)).body['id']);
    const second = await command('front_desk', 'patients/register-patient', demographics);
    ids['second'] = String(second.body['id']);
    expect(second.body['events']).to.include('patients.PossibleDuplicateFlagged');
    const dismissed = await command('front_desk', 'patients/dismiss-possible-duplicate', {
      patientId: ids['second'],
      candidatePatientId: ids['patient'],
    });
    expect(dismissed.body['events']).to.include('patients.PossibleDuplicateDismissed');
    const summary = await read('front_desk', `patients/${ids['second']}`);
    const flag = (summary['possibleDuplicates'] as Record<string, { resolution: string }>)[ids['patient']!];
    expect(flag?.resolution).to.equal('dismissed');
  });

  it('admits to a bed, transfers, discharges and cleans both beds', async () => {
    const patientId = ids['patient'];
    ids['stay'] = String(
      (await command('front_desk', 'admissions/request-admission', { patientId, wardId: ids['ward'] })).body['id'],
    );
    await command('nurse', 'admissions/admit-patient', { stayId: ids['stay'], patientId, bedId: ids['E-1'] });
    const board = await read('nurse', `wards/${ids['ward']}/beds`);
    const occupied = (board['items'] as { label: string; status: string; patientId: string | null }[]).find(
      (b) => b.label === 'E-1',
    );
    expect(occupied).to.include({ status: 'occupied', patientId });

    await command('nurse', 'admissions/transfer-patient', {
      stayId: ids['stay'],
      fromBedId: ids['E-1'],
      toBedId: ids['E-2'],
    });
    await command('physician', 'admissions/discharge-patient', {
      stayId: ids['stay'],
      patientId,
      bedId: ids['E-2'],
      reason: 'home',
      disposition: 'home',
    });
    const dirty = await read('nurse', `wards/${ids['ward']}/beds`);
    expect((dirty['items'] as { status: string }[]).map((b) => b.status)).to.deep.equal(['to_clean', 'to_clean']);
    for (const bed of ['E-1', 'E-2']) await command('nurse', 'admissions/mark-bed-clean', { bedId: ids[bed] });
  });

  it('reads the bed board, the census and the stay history at the position of the last command', async () => {
    const board = await read('nurse', `wards/${ids['ward']}/beds`);
    expect((board['items'] as { status: string }[]).map((b) => b.status)).to.deep.equal(['free', 'free']);
    const census = await read('front_desk', 'census');
    const ward = (census['wards'] as { wardId: string; beds: Record<string, number>; inpatients: number }[]).find(
      (w) => w.wardId === ids['ward'],
    );
    expect(ward?.beds).to.include({ free: 2, occupied: 0, total: 2 });
    expect(ward?.inpatients).to.equal(0);
    const stays = await read('physician', `patients/${ids['patient']}/stays`);
    const [stay] = stays['items'] as {
      stayId: string;
      status: string;
      dischargeReason: string;
      transfers: unknown[];
    }[];
    expect(stay).to.include({ stayId: ids['stay'], status: 'finished', dischargeReason: 'home' });
    expect(stay?.transfers).to.have.length(1);
  });

  it('gives auditors the history of the patient and of the stay, and both chains verify', async () => {
    const patientStream = `patient-${sut.hospitalId}.${ids['patient']}`;
    const history = await read('auditor', `audit/streams/${patientStream}/events`);
    const types = (history['events'] as { type: string }[]).map((e) => e.type);
    expect(types).to.include.members(['patients.PatientRegistered', 'admissions.StayOpened', 'admissions.StayClosed']);
    for (const stream of [patientStream, `stay-${sut.hospitalId}.${ids['stay']}`]) {
      expect(await read('auditor', `audit/streams/${stream}/verification`), stream).to.include({ ok: true });
    }
  });

  it("erases the patient's personal data: gone from reads, while the chain still verifies", async () => {
    const before = await read('front_desk', `patients/${ids['patient']}`);
    expect(before).to.include({ givenName: name.givenName, erased: false });
    await command('admin', 'patients/erase-patient-personal-data', {
      patientId: ids['patient'],
      legalBasis: 'patient_request',
    });
    const after = await read('front_desk', `patients/${ids['patient']}`);
    expect(after['erased']).to.equal(true);
    expect(JSON.stringify(after)).not.to.contain(name.givenName);
    expect(JSON.stringify(after)).not.to.contain(name.familyName);
    const search = await read('front_desk', `patients/search?name=${name.familyName}`);
    expect(JSON.stringify(search)).not.to.contain(ids['patient']);
    const stream = `patient-${sut.hospitalId}.${ids['patient']}`;
    const verdict = await read('auditor', `audit/streams/${stream}/verification`);
    expect(verdict).to.include({ ok: true });
    const history = await read('auditor', `audit/streams/${stream}/events`);
    expect((history['events'] as { type: string }[]).map((e) => e.type)).to.include(
      'patients.PatientPersonalDataErased',
    );
    expect(JSON.stringify(history)).not.to.contain(name.givenName);
  });

  return { ...name, birthDate, nationalId };
}
