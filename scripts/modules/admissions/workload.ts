import { type HospitalWorld, type ModuleWorkload, type Person, ref } from '../../generate/hospital-world.js';

const SPECIALTIES = ['medical', 'surgical', 'paediatric', 'maternity', 'intensive_care', 'psychiatric'] as const;
const WARD_NAMES = ['North', 'South', 'East', 'West', 'Garden', 'River', 'Hill', 'Lake'] as const;
const DISPOSITIONS = [
  ['home', 'home'],
  ['home', 'home'],
  ['home', 'alt_home'],
  ['transfer', 'other_hcf'],
  ['against_advice', 'aadvice'],
] as const;

interface Bed {
  readonly ref: string;
  readonly ward: number;
  status: 'free' | 'occupied' | 'to-clean';
}

interface Stay {
  readonly ref: string;
  readonly patient: string;
  bed: Bed;
  dischargeDay: number;
}

/**
 * The admissions module's share: wards and beds on day 0; each day discharges due (08:00) and
 * their beds cleaned (10:00), admissions of some arrivals (or of a returning patient) to a free
 * bed, a few transfers (16:00) and the beds they leave cleaned (18:00).
 */
export function admissionsWorkload(world: HospitalWorld): ModuleWorkload {
  const { random } = world;
  const wards = world.options.wardsPerHospital ?? 3;
  const bedsPerWard = world.options.bedsPerWard ?? 8;
  const beds: Bed[] = [];
  const stays: Stay[] = [];
  const wardRefs: string[] = [];
  /** Patients in a bed now (refs): they are not admitted again until discharged. */
  const staying = new Set<string>();

  const cleanBeds = () => {
    for (const bed of beds.filter((b) => b.status === 'to-clean')) {
      world.minute += random.int(2, 15);
      world.step({ role: 'nurse', module: 'admissions', command: 'mark-bed-clean', body: { bedId: ref(bed.ref) } });
      bed.status = 'free';
    }
  };

  return {
    setUp() {
      for (let w = 0; w < wards; w++) {
        const wardRef = world.name('ward');
        world.step({
          role: 'admin',
          module: 'admissions',
          command: 'define-ward',
          body: {
            name: `${WARD_NAMES[w % WARD_NAMES.length]} ${w + 1}`,
            specialty: SPECIALTIES[w % SPECIALTIES.length]!,
          },
          saveAs: wardRef,
        });
        wardRefs.push(wardRef);
        world.wards.push(wardRef);
        for (let b = 0; b < bedsPerWard; b++) {
          const bedRef = world.name('bed');
          world.step({
            role: 'admin',
            module: 'admissions',
            command: 'add-bed',
            body: { wardId: ref(wardRef), label: `W${w + 1}-${String(b + 1).padStart(2, '0')}` },
            saveAs: bedRef,
          });
          beds.push({ ref: bedRef, ward: w, status: 'free' });
        }
      }
    },
    day: [
      {
        // Morning round: discharges due today, each bed going to cleaning.
        from: 8 * 60,
        run() {
          for (const stay of stays.filter((s) => s.dischargeDay <= world.day)) {
            world.minute += random.int(5, 30);
            const [reason, disposition] = random.pick(DISPOSITIONS);
            const role = random.pick(['nurse', 'physician'] as const);
            const body = {
              stayId: ref(stay.ref),
              patientId: ref(stay.patient),
              bedId: ref(stay.bed.ref),
              reason,
              disposition,
            };
            const leaving = { stayRef: stay.ref, patientRef: stay.patient, bedRef: stay.bed.ref, body };
            // Other modules act first (billing, where the hospital refuses unbilled discharges).
            const remedy = world.discharging(leaving);
            world.step({
              role,
              module: 'admissions',
              command: 'discharge-patient',
              body,
              ...(remedy ? { remedy } : {}),
            });
            world.discharged(leaving);
            stay.bed.status = 'to-clean';
            stays.splice(stays.indexOf(stay), 1);
            staying.delete(stay.patient);
            const inpatient = world.inpatients.findIndex((i) => i.stayRef === stay.ref);
            if (inpatient >= 0) world.inpatients.splice(inpatient, 1);
          }
        },
      },
      { from: 10 * 60, run: cleanBeds },
      {
        // Afternoon: a few patients move to another free bed; the bed they leave goes to cleaning.
        from: 16 * 60,
        run() {
          for (const stay of stays) {
            if (!random.chance(0.08)) continue;
            const to = random.pick([...beds.filter((b) => b.status === 'free'), undefined]);
            if (!to) continue;
            world.minute += random.int(5, 20);
            world.step({
              role: 'nurse',
              module: 'admissions',
              command: 'transfer-patient',
              body: { stayId: ref(stay.ref), fromBedId: ref(stay.bed.ref), toBedId: ref(to.ref) },
            });
            stay.bed.status = 'to-clean';
            to.status = 'occupied';
            stay.bed = to;
          }
        },
      },
      { from: 18 * 60, run: cleanBeds },
    ],
    onArrival(arrived: Person) {
      const people = world.people;
      const returning = random.chance(0.1)
        ? people.find((p) => !staying.has(p.ref) && p.ref !== arrived.ref)
        : undefined;
      const admitted = returning ?? (random.chance(0.45) ? people[people.length - 1]! : undefined);
      const bed = admitted && random.pick([...beds.filter((b) => b.status === 'free'), undefined]);
      if (!admitted || !bed) return;
      const stayRef = world.name('stay');
      world.minute += 1;
      world.step({
        role: 'front_desk',
        module: 'admissions',
        command: 'request-admission',
        body: { patientId: ref(admitted.ref), wardId: ref(wardRefs[bed.ward]!) },
        saveAs: stayRef,
      });
      world.minute += random.int(5, 40);
      world.step({
        role: 'nurse',
        module: 'admissions',
        command: 'admit-patient',
        body: { stayId: ref(stayRef), patientId: ref(admitted.ref), bedId: ref(bed.ref) },
      });
      bed.status = 'occupied';
      staying.add(admitted.ref);
      stays.push({ ref: stayRef, patient: admitted.ref, bed, dischargeDay: world.day + random.int(1, 5) });
      world.inpatients.push({ patientRef: admitted.ref, stayRef, wardRef: wardRefs[bed.ward]! });
    },
  };
}
