import {
  type BodyValue,
  type HospitalWorld,
  type ModuleWorkload,
  type Person,
  ref,
} from '../../generate/hospital-world.js';
import { type Random, seededRandom } from '../../generate/prng.js';

/** The demo catalogue: LOINC codes, with ranges by age band or sex and critical limits. */
const POTASSIUM = '2823-3';
const SODIUM = '2951-2';
const HAEMOGLOBIN = '718-7';
const BLOOD_GROUP = '882-1';
const ELECTROLYTES = '24326-1';
const ADULT = 18 * 365;

interface Test {
  readonly code: string;
  readonly body: Record<string, unknown>;
  readonly ranges?: readonly Record<string, unknown>[];
  /** A normal value, and a critical one. */
  readonly value: (random: Random, critical: boolean) => Record<string, unknown>;
}

const mmol = (n: number) => ({ valueNumber: n, unit: 'mmol/L' });
const TESTS: readonly Test[] = [
  {
    code: POTASSIUM,
    body: {
      name: 'Potassium',
      section: 'chemistry',
      specimenType: 'serum',
      resultKind: 'numeric',
      unit: 'mmol/L',
      turnaroundMinutes: { stat: 45 },
    },
    ranges: [
      { sex: 'any', minAgeDays: 0, maxAgeDays: ADULT, low: 3.4, high: 4.7, criticalLow: 2.5, criticalHigh: 6.0 },
      { sex: 'any', minAgeDays: ADULT, low: 3.5, high: 5.1, criticalLow: 2.5, criticalHigh: 6.5 },
    ],
    value: (r, critical) => mmol(critical ? r.int(66, 75) / 10 : r.int(33, 54) / 10),
  },
  {
    code: SODIUM,
    body: { name: 'Sodium', section: 'chemistry', specimenType: 'serum', resultKind: 'numeric', unit: 'mmol/L' },
    ranges: [{ sex: 'any', minAgeDays: 0, low: 135, high: 145, criticalLow: 120, criticalHigh: 160 }],
    value: (r, critical) => mmol(critical ? r.int(112, 119) : r.int(132, 147)),
  },
  {
    code: HAEMOGLOBIN,
    body: {
      name: 'Haemoglobin',
      section: 'haematology',
      specimenType: 'whole_blood',
      resultKind: 'numeric',
      unit: 'g/dL',
    },
    ranges: [
      { sex: 'female', minAgeDays: 0, low: 12, high: 15.5, criticalLow: 7, criticalHigh: 20 },
      { sex: 'male', minAgeDays: 0, low: 13.5, high: 17.5, criticalLow: 7, criticalHigh: 20 },
    ],
    value: (r, critical) => ({
      valueNumber: critical ? r.int(50, 68) / 10 : r.int(105, 170) / 10,
      unit: 'g/dL',
    }),
  },
  {
    code: BLOOD_GROUP,
    body: {
      name: 'ABO and Rh group',
      section: 'blood_bank',
      specimenType: 'whole_blood',
      resultKind: 'coded',
      codedValues: [
        { code: 'O+', display: 'O RhD positive', abnormal: false },
        { code: 'A+', display: 'A RhD positive', abnormal: false },
        { code: 'B-', display: 'B RhD negative', abnormal: false },
        { code: 'weak-D', display: 'Weak D, repeat', abnormal: true },
      ],
    },
    value: (r) => ({ valueCode: r.pick(['O+', 'A+', 'B-', 'O+', 'A+', 'weak-D']) }),
  },
];
const ORDERABLE = [
  { panelCode: ELECTROLYTES, tests: [POTASSIUM, SODIUM] },
  { testCode: POTASSIUM, tests: [POTASSIUM] },
  { testCode: HAEMOGLOBIN, tests: [HAEMOGLOBIN] },
  { testCode: BLOOD_GROUP, tests: [BLOOD_GROUP] },
] as const;

interface Order {
  readonly ref: string;
  readonly tests: readonly string[];
  /** Only female and male patients have a haemoglobin range (so a flag, possibly critical). */
  readonly sexed: boolean;
  stage: 'ordered' | 'collected' | 'received' | 'resulted';
}

/**
 * The laboratory module's share: the catalogue on day 0 (four tests with ranges, a panel); an
 * order for about half the arrivals; then each afternoon the day's orders go through the lab —
 * collected at 13:00 (a few cancelled), received at 14:00 (a few rejected as haemolysed, collected
 * again the next day), resulted at 15:00 (some critical, acknowledged with read-back), verified by
 * a supervisor at 17:00 (a few then corrected). It draws from its own seeded stream, not world.random.
 */
export function laboratoryWorkload(world: HospitalWorld): ModuleWorkload {
  // A stream of its own (from the seed and the hospital): other modules' steps stay as pinned.
  const random = seededRandom(`${world.options.seed}/laboratory/${world.hospitalId}`);
  const orders: Order[] = [];
  let ordersPlaced = 0;
  const at = (stage: Order['stage']) => orders.filter((o) => o.stage === stage);
  // The laboratory keeps its own clock and never moves the shared one, so other modules' steps keep
  // their times; the generator sorts all steps by time. It starts no earlier than the shared clock.
  let clock = { day: -1, minute: 0 };
  const tick = (minutes: number) => {
    if (clock.day !== world.day) clock = { day: world.day, minute: 0 };
    clock.minute = Math.max(clock.minute, world.minute) + minutes;
  };
  const send = (
    role: Parameters<HospitalWorld['step']>[0]['role'],
    command: string,
    body: Record<string, unknown>,
    saveAs?: string,
  ) => {
    const shared = world.minute;
    world.minute = clock.minute;
    world.step({
      role,
      module: 'laboratory',
      command,
      body: body as Record<string, BodyValue>,
      ...(saveAs ? { saveAs } : {}),
    });
    world.minute = shared;
  };

  return {
    setUp() {
      for (const test of TESTS) {
        tick(1);
        send('lab_supervisor', 'define-test', { testCode: test.code, ...test.body });
        world.labTests.push(test.code);
        if (test.ranges) send('lab_supervisor', 'set-reference-ranges', { testCode: test.code, ranges: test.ranges });
      }
      send('lab_supervisor', 'define-panel', {
        panelCode: ELECTROLYTES,
        name: 'Electrolytes panel',
        testCodes: [POTASSIUM, SODIUM],
      });
    },
    onArrival(person: Person) {
      if (!random.chance(0.5)) return;
      const what = random.pick(ORDERABLE);
      // Its own numbering: world.name's counter would renumber other modules' later refs.
      const orderRef = `${world.hospitalId}/lab-order-${++ordersPlaced}`;
      tick(1);
      const { tests, ...code } = what;
      send(
        'physician',
        'order-tests',
        {
          patientId: ref(person.ref),
          ...code,
          priority: random.pick(['routine', 'routine', 'urgent', 'asap', 'stat']),
        },
        orderRef,
      );
      orders.push({ ref: orderRef, tests, sexed: ['female', 'male'].includes(person.who.sex), stage: 'ordered' });
    },
    day: [
      {
        from: 13 * 60,
        run() {
          for (const order of at('ordered')) {
            tick(random.int(2, 10));
            if (random.chance(0.05)) {
              send('physician', 'cancel-order', { orderId: ref(order.ref), reason: 'no_longer_needed' });
              orders.splice(orders.indexOf(order), 1);
              continue;
            }
            send('nurse', 'collect-specimen', { orderId: ref(order.ref) });
            order.stage = 'collected';
          }
        },
      },
      {
        from: 14 * 60,
        run() {
          for (const order of at('collected')) {
            tick(random.int(1, 5));
            if (random.chance(0.04)) {
              send('lab_technician', 'reject-specimen', { orderId: ref(order.ref), reason: 'haemolysed' });
              order.stage = 'ordered';
              continue;
            }
            send('lab_technician', 'receive-specimen', { orderId: ref(order.ref) });
            order.stage = 'received';
          }
        },
      },
      {
        from: 15 * 60,
        run() {
          for (const order of at('received')) {
            for (const code of order.tests) {
              const test = TESTS.find((t) => t.code === code)!;
              const ranged = test.ranges !== undefined && (code !== HAEMOGLOBIN || order.sexed);
              const critical = ranged && random.chance(0.08);
              tick(random.int(1, 4));
              send('lab_technician', 'record-result', {
                orderId: ref(order.ref),
                testCode: code,
                ...test.value(random, critical),
              });
              if (critical) {
                tick(random.int(2, 15));
                send('physician', 'acknowledge-critical-result', {
                  orderId: ref(order.ref),
                  testCode: code,
                  notifiedPerson: 'Ward nurse in charge',
                  readBack: true,
                });
              }
            }
            order.stage = 'resulted';
          }
        },
      },
      {
        from: 17 * 60,
        run() {
          for (const order of at('resulted')) {
            for (const code of order.tests) {
              tick(random.int(1, 3));
              send('lab_supervisor', 'verify-result', { orderId: ref(order.ref), testCode: code });
              const test = TESTS.find((t) => t.code === code)!;
              if (test.ranges !== undefined && random.chance(0.03)) {
                tick(random.int(5, 20));
                send('lab_supervisor', 'amend-result', {
                  orderId: ref(order.ref),
                  testCode: code,
                  kind: 'corrected',
                  ...test.value(random, false),
                  reason: 'Transcription error corrected',
                });
              }
            }
            orders.splice(orders.indexOf(order), 1);
          }
        },
      },
    ],
  };
}
