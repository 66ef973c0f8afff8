import { type Demographics, randomPerson } from './people.js';
import { type Random, seededRandom } from './prng.js';

/**
 * A value the command API chose (ids are made by the server): the driver substitutes the `id` of
 * the earlier step saved under this name.
 */
export interface Ref {
  readonly $ref: string;
}

export type BodyValue = string | Ref;

/** One command as an app would send it, in order. */
export interface WorkloadStep {
  readonly hospitalId: string;
  /** The role whose token sends it. */
  readonly role: 'admin' | 'front_desk' | 'nurse' | 'physician';
  readonly module: 'patients' | 'admissions';
  /** Route segment, e.g. `register-patient`. */
  readonly command: string;
  readonly body: Readonly<Record<string, BodyValue>>;
  /** Name under which the response's `id` is kept for later Refs. */
  readonly saveAs?: string;
  /** Simulated day (0 = set-up) and minute of that day: the order the steps happen in. */
  readonly day: number;
  readonly minute: number;
}

export interface WorkloadOptions {
  readonly hospitals: number;
  readonly days: number;
  readonly seed: string | number;
  /** Hospital ids are `<prefix>-<n>`. Default `gen`. */
  readonly hospitalPrefix?: string;
  /** Or name them (their count wins over `hospitals`). */
  readonly hospitalIds?: readonly string[];
  readonly wardsPerHospital?: number;
  readonly bedsPerWard?: number;
  /** Mean new registrations per hospital per day. Default 12. */
  readonly registrationsPerDay?: number;
}

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

const ref = (name: string): Ref => ({ $ref: name });

/**
 * N hospitals × M days of plausible ADT activity, deterministic from the seed: set-up (wards,
 * beds), then each day registrations (some repeating an earlier patient's demographics, flagged
 * and dismissed as a different person), admissions to free beds, transfers, discharges after a
 * length of stay, and beds cleaned after they are left. The generator keeps its own model of every
 * bed and stay, so every step is valid when sent in order (a refused step is a bug to report).
 */
export function generateWorkload(options: WorkloadOptions): WorkloadStep[] {
  const steps: WorkloadStep[] = [];
  const hospitalIds =
    options.hospitalIds ??
    Array.from({ length: options.hospitals }, (_, h) => `${options.hospitalPrefix ?? 'gen'}-${h + 1}`);
  for (const hospitalId of hospitalIds) {
    // One stream of numbers per hospital: adding a hospital does not change the others.
    steps.push(...hospitalWorkload(hospitalId, seededRandom(`${options.seed}/${hospitalId}`), options));
  }
  // Hospitals' days interleave like real clocks; within a hospital, order is kept (stable sort).
  return steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => a.step.day - b.step.day || a.step.minute - b.step.minute || a.i - b.i)
    .map(({ step }) => step);
}

function hospitalWorkload(hospitalId: string, random: Random, options: WorkloadOptions): WorkloadStep[] {
  const steps: WorkloadStep[] = [];
  const wards = options.wardsPerHospital ?? 3;
  const bedsPerWard = options.bedsPerWard ?? 8;
  const meanRegistrations = options.registrationsPerDay ?? 12;
  const beds: Bed[] = [];
  const stays: Stay[] = [];
  const people: { ref: string; who: Demographics; staying: boolean }[] = [];
  let counter = 0;
  const name = (kind: string) => `${hospitalId}/${kind}-${++counter}`;
  let day = 0;
  let minute = 0;
  const step = (s: Omit<WorkloadStep, 'hospitalId' | 'day' | 'minute'>) => {
    steps.push({ hospitalId, day, minute, ...s });
  };

  for (let w = 0; w < wards; w++) {
    const wardRef = name('ward');
    step({
      role: 'admin',
      module: 'admissions',
      command: 'define-ward',
      body: { name: `${WARD_NAMES[w % WARD_NAMES.length]} ${w + 1}`, specialty: SPECIALTIES[w % SPECIALTIES.length]! },
      saveAs: wardRef,
    });
    for (let b = 0; b < bedsPerWard; b++) {
      const bedRef = name('bed');
      step({
        role: 'admin',
        module: 'admissions',
        command: 'add-bed',
        body: { wardId: ref(wardRef), label: `W${w + 1}-${String(b + 1).padStart(2, '0')}` },
        saveAs: bedRef,
      });
      beds.push({ ref: bedRef, ward: w, status: 'free' });
    }
  }
  const wardRefs = steps.filter((s) => s.command === 'define-ward').map((s) => s.saveAs!);

  for (day = 1; day <= options.days; day++) {
    // A busy day can run past midnight; the clock only moves forward within a hospital.
    minute = 0;
    // Morning round: discharges due today, each followed by cleaning the bed.
    minute = Math.max(minute, 8 * 60);
    for (const stay of stays.filter((s) => s.dischargeDay <= day)) {
      minute += random.int(5, 30);
      const [reason, disposition] = random.pick(DISPOSITIONS);
      step({
        role: random.pick(['nurse', 'physician'] as const),
        module: 'admissions',
        command: 'discharge-patient',
        body: { stayId: ref(stay.ref), patientId: ref(stay.patient), bedId: ref(stay.bed.ref), reason, disposition },
      });
      stay.bed.status = 'to-clean';
      stays.splice(stays.indexOf(stay), 1);
      const person = people.find((p) => p.ref === stay.patient);
      if (person) person.staying = false;
    }
    minute = Math.max(minute, 10 * 60);
    for (const bed of beds.filter((b) => b.status === 'to-clean')) {
      minute += random.int(2, 15);
      step({ role: 'nurse', module: 'admissions', command: 'mark-bed-clean', body: { bedId: ref(bed.ref) } });
      bed.status = 'free';
    }

    // The day's arrivals: registrations, and admissions of some of them (or of a returning patient).
    minute = Math.max(minute, 11 * 60);
    const arrivals = random.int(Math.ceil(meanRegistrations / 2), Math.ceil((meanRegistrations * 3) / 2));
    for (let i = 0; i < arrivals; i++) {
      minute += random.int(3, 25);
      const duplicateOf = people.length > 0 && random.chance(0.04) ? random.pick(people) : undefined;
      const who = duplicateOf ? duplicateOf.who : randomPerson(random);
      const patientRef = name('patient');
      step({
        role: 'front_desk',
        module: 'patients',
        command: 'register-patient',
        body: { ...who },
        saveAs: patientRef,
      });
      people.push({ ref: patientRef, who, staying: false });
      if (duplicateOf) {
        // Same name, birth date and sex: flagged; the front desk checks and finds two people.
        minute += 1;
        step({
          role: 'front_desk',
          module: 'patients',
          command: 'dismiss-possible-duplicate',
          body: { patientId: ref(patientRef), candidatePatientId: ref(duplicateOf.ref) },
        });
      }
      const returning = random.chance(0.1) ? people.find((p) => !p.staying && p.ref !== patientRef) : undefined;
      const admitted = returning ?? (random.chance(0.45) ? people[people.length - 1]! : undefined);
      const bed = admitted && random.pick([...beds.filter((b) => b.status === 'free'), undefined]);
      if (!admitted || !bed) continue;
      const stayRef = name('stay');
      minute += 1;
      step({
        role: 'front_desk',
        module: 'admissions',
        command: 'request-admission',
        body: { patientId: ref(admitted.ref), wardId: ref(wardRefs[bed.ward]!) },
        saveAs: stayRef,
      });
      minute += random.int(5, 40);
      step({
        role: 'nurse',
        module: 'admissions',
        command: 'admit-patient',
        body: { stayId: ref(stayRef), patientId: ref(admitted.ref), bedId: ref(bed.ref) },
      });
      bed.status = 'occupied';
      admitted.staying = true;
      stays.push({ ref: stayRef, patient: admitted.ref, bed, dischargeDay: day + random.int(1, 5) });
    }

    // Afternoon: a few patients move to another free bed; the bed they leave goes to cleaning.
    minute = Math.max(minute, 16 * 60);
    for (const stay of stays) {
      if (!random.chance(0.08)) continue;
      const to = random.pick([...beds.filter((b) => b.status === 'free'), undefined]);
      if (!to) continue;
      minute += random.int(5, 20);
      step({
        role: 'nurse',
        module: 'admissions',
        command: 'transfer-patient',
        body: { stayId: ref(stay.ref), fromBedId: ref(stay.bed.ref), toBedId: ref(to.ref) },
      });
      stay.bed.status = 'to-clean';
      to.status = 'occupied';
      stay.bed = to;
    }
    minute = Math.max(minute, 18 * 60);
    for (const bed of beds.filter((b) => b.status === 'to-clean')) {
      minute += random.int(2, 15);
      step({ role: 'nurse', module: 'admissions', command: 'mark-bed-clean', body: { bedId: ref(bed.ref) } });
      bed.status = 'free';
    }
  }
  return steps;
}
