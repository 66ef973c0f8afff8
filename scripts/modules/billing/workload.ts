import { type ModuleWorkloadFactory, type Person, ref } from '../../generate/hospital-world.js';

/** Every ward specialty the admissions plug-in uses, so every bed-day has a price. */
const SPECIALTIES = ['medical', 'surgical', 'paediatric', 'maternity', 'intensive_care', 'psychiatric', 'other'];
const CONSULTATION = { serviceCode: 'consultation', price: 5_000 };
const FLOAT = 20_000;

/**
 * The billing module's share of a simulated hospital: on day 0 the supervisor sets the price list
 * (a bed-day per ward specialty, an outpatient consultation) and registers a payer; each day a
 * cashier opens a shift at 07:30, every third arriving patient is seen as an outpatient at 11:00
 * (account opened, consultation charged, invoiced, paid in cash at once) and the shift closes at
 * 19:00 with the cash counted. It draws nothing from world.random (other modules' streams stay
 * as they were); stays' accounts and bed-days come from the charge-capture process manager.
 */
export const billingWorkload: ModuleWorkloadFactory = (world) => {
  let arrivals = 0;
  let named = 0;
  // Own names and no clock moves: world.name's counter and world.minute are shared, and moving them
  // would change every other module's steps for a pinned seed.
  const name = (kind: string) => `${world.hospitalId}/billing-${kind}-${++named}`;
  const visits: Person[] = [];
  let shiftRef = '';
  let cash = 0;
  return {
    setUp() {
      for (const specialty of SPECIALTIES) {
        world.step({
          role: 'billing_supervisor',
          module: 'billing',
          command: 'set-service-price',
          body: {
            serviceCode: `bed-day:${specialty}`,
            kind: 'bed_day',
            description: `Bed-day, ${specialty.replace('_', ' ')} ward`,
            unitPrice: specialty === 'intensive_care' ? 120_000 : 35_000,
            effectiveFrom: '2000-01-01',
          },
        });
      }
      world.step({
        role: 'billing_supervisor',
        module: 'billing',
        command: 'set-service-price',
        body: {
          serviceCode: CONSULTATION.serviceCode,
          kind: 'procedure',
          description: 'Outpatient consultation',
          unitPrice: CONSULTATION.price,
          effectiveFrom: '2000-01-01',
        },
      });
      world.step({
        role: 'billing_supervisor',
        module: 'billing',
        command: 'register-payer',
        body: { name: 'Mutual Health Insurance' },
        saveAs: name('payer'),
      });
    },
    onArrival(person) {
      arrivals++;
      if (arrivals % 3 === 0) visits.push(person);
    },
    day: [
      {
        from: 7 * 60 + 30,
        run() {
          shiftRef = name('shift');
          cash = FLOAT;
          world.step({
            role: 'cashier',
            module: 'billing',
            command: 'open-cashier-shift',
            body: { openingFloat: FLOAT },
            saveAs: shiftRef,
          });
        },
      },
      {
        from: 11 * 60,
        run() {
          for (const person of visits.splice(0)) {
            const account = name('account');
            world.step({
              role: 'billing_clerk',
              module: 'billing',
              command: 'open-outpatient-account',
              body: { patientId: ref(person.ref) },
              saveAs: account,
            });
            world.step({
              role: 'billing_clerk',
              module: 'billing',
              command: 'capture-charge',
              body: { accountId: ref(account), serviceCode: CONSULTATION.serviceCode },
            });
            world.step({
              role: 'billing_clerk',
              module: 'billing',
              command: 'issue-invoice',
              body: { accountId: ref(account) },
            });
            world.step({
              role: 'cashier',
              module: 'billing',
              command: 'take-payment',
              body: {
                accountId: ref(account),
                shiftId: ref(shiftRef),
                method: 'cash',
                amount: CONSULTATION.price,
              },
            });
            cash += CONSULTATION.price;
          }
        },
      },
      {
        from: 19 * 60,
        run() {
          world.step({
            role: 'cashier',
            module: 'billing',
            command: 'close-cashier-shift',
            body: { shiftId: ref(shiftRef), countedCash: cash },
          });
        },
      },
    ],
  };
};
