import type { ModuleScenario } from '../../e2e/scenario-context.js';

/** Admissions' part: a ward with two beds; admit, transfer, discharge, clean; the bed board, census and stays. */
export const admissionsScenario: ModuleScenario = {
  setUp: ({ command, ids }) => {
    it('sets up a ward with two beds', async () => {
      ids['ward'] = String(
        (await command('admin', 'admissions/define-ward', { name: 'E2E Ward', specialty: 'medical' })).body['id'],
      );
      for (const label of ['E-1', 'E-2']) {
        ids[label] = String((await command('admin', 'admissions/add-bed', { wardId: ids['ward'], label })).body['id']);
      }
    });
  },

  care: ({ expect, command, read, ids, audited, hospitalId }) => {
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
      // The stay opened and closed on the patient's stream too.
      audited.push(
        { stream: `patient-${hospitalId()}.${patientId}`, types: ['admissions.StayOpened', 'admissions.StayClosed'] },
        { stream: `stay-${hospitalId()}.${ids['stay']}`, types: [] },
      );
    });
  },

  reads: ({ expect, read, ids }) => {
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
  },
};
