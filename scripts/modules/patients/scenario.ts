import type { ModuleScenario } from '../../e2e/scenario-context.js';

/** Patients' part: register (and a flagged, dismissed duplicate); at the end, erase the personal data. */
export const patientsScenario: ModuleScenario = {
  arrival: ({ expect, command, read, ids, person, audited, hospitalId }) => {
    it('registers a patient; a second registration with the same identity is flagged, then dismissed', async () => {
      const demographics = {
        givenName: person.givenName,
        familyName: person.familyName,
        birthDate: person.birthDate,
        sex: 'female',
        nationalId: person.nationalId,
      };
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
      audited.push({ stream: `patient-${hospitalId()}.${ids['patient']}`, types: ['patients.PatientRegistered'] });
    });
  },

  erasure: ({ expect, command, read, ids, person, hospitalId }) => {
    it("erases the patient's personal data: gone from reads, while the chain still verifies", async () => {
      const before = await read('front_desk', `patients/${ids['patient']}`);
      expect(before).to.include({ givenName: person.givenName, erased: false });
      await command('admin', 'patients/erase-patient-personal-data', {
        patientId: ids['patient'],
        legalBasis: 'patient_request',
      });
      const after = await read('front_desk', `patients/${ids['patient']}`);
      expect(after['erased']).to.equal(true);
      expect(JSON.stringify(after)).not.to.contain(person.givenName);
      expect(JSON.stringify(after)).not.to.contain(person.familyName);
      const search = await read('front_desk', `patients/search?name=${person.familyName}`);
      expect(JSON.stringify(search)).not.to.contain(ids['patient']);
      const stream = `patient-${hospitalId()}.${ids['patient']}`;
      const verdict = await read('auditor', `audit/streams/${stream}/verification`);
      expect(verdict).to.include({ ok: true });
      const history = await read('auditor', `audit/streams/${stream}/events`);
      expect((history['events'] as { type: string }[]).map((e) => e.type)).to.include(
        'patients.PatientPersonalDataErased',
      );
      expect(JSON.stringify(history)).not.to.contain(person.givenName);
    });
  },
};
