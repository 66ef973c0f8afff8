import { type HospitalWorld, type ModuleWorkload, type Person, ref } from '../../generate/hospital-world.js';
import { randomPerson } from '../../generate/people.js';

/**
 * The patients module's share of a simulated day: from 11:00 the day's arrivals register (some
 * repeating an earlier patient's demographics: flagged, and dismissed as a different person); each
 * arrival is announced so other modules (admissions) may admit them.
 */
export function patientsWorkload(world: HospitalWorld): ModuleWorkload {
  const { random } = world;
  const meanRegistrations = world.options.registrationsPerDay ?? 12;
  return {
    day: [
      {
        from: 11 * 60,
        run() {
          const arrivals = random.int(Math.ceil(meanRegistrations / 2), Math.ceil((meanRegistrations * 3) / 2));
          for (let i = 0; i < arrivals; i++) {
            world.minute += random.int(3, 25);
            const people = world.people;
            const duplicateOf = people.length > 0 && random.chance(0.04) ? random.pick(people) : undefined;
            const who = duplicateOf ? duplicateOf.who : randomPerson(random);
            const patientRef = world.name('patient');
            world.step({
              role: 'front_desk',
              module: 'patients',
              command: 'register-patient',
              body: { ...who },
              saveAs: patientRef,
            });
            const person: Person = { ref: patientRef, who };
            people.push(person);
            if (duplicateOf) {
              // Same name, birth date and sex: flagged; the front desk checks and finds two people.
              world.minute += 1;
              world.step({
                role: 'front_desk',
                module: 'patients',
                command: 'dismiss-possible-duplicate',
                body: { patientId: ref(patientRef), candidatePatientId: ref(duplicateOf.ref) },
              });
            }
            world.arrived(person);
          }
        },
      },
    ],
  };
}
