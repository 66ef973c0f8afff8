import type { EventStore, ReadStore } from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { driveWorkload } from '../generate/drive.js';
import { generateWorkload, type WorkloadStep } from '../generate/workload.js';
import { HR_ROSTER_START } from '../modules/hr/index.js';

/** The two demo hospitals of the embedded start. */
export const DEMO_HOSPITALS = ['riverside', 'hillcrest'] as const;

/**
 * Two days of activity in each demo hospital (wards, beds, patients, admissions, transfers,
 * discharges, cleaning, lab, stock, billing — stays invoiced), always the same. Staff are the demo users behind the printed tokens
 * (`demo-nurse`, …) until the HR module exists.
 */
export function demoWorkload(): WorkloadStep[] {
  return generateWorkload({
    hospitals: DEMO_HOSPITALS.length,
    hospitalIds: DEMO_HOSPITALS,
    days: 2,
    seed: 'chartline-demo',
    wardsPerHospital: 2,
    bedsPerWard: 6,
    registrationsPerDay: 6,
    // Charge capture runs beside the seeding (embedded start): stays are invoiced, and Riverside
    // refuses a discharge with unbilled charges, so its stays are billed before they leave (its
    // one discharge in two days meets the refusal first).
    stayBilling: { refuseIn: ['riverside'] },
  });
}

/**
 * Seeds through the command API like any app would, so the demo's events are real: validated,
 * decided, hash-chained, personal fields encrypted.
 */
export async function seedDemoHospitals(
  commandUrl: string,
  mint: (claims: { sub: string; role: string; hospitals: readonly string[] }) => Promise<string>,
): Promise<{ commands: number; millis: number }> {
  const steps = demoWorkload();
  const result = await driveWorkload(steps, {
    baseUrl: commandUrl,
    tokenFor: (role, hospitalId) => mint({ sub: `demo-${role.replaceAll('_', '-')}`, role, hospitals: [hospitalId] }),
    runId: 'demo-seed',
    concurrency: DEMO_HOSPITALS.length,
  });
  if (result.failures.length > 0) {
    const first = result.failures[0]!;
    throw new Error(
      `seeding failed: ${result.failures.length} commands refused, first ${first.command} (${first.status} ${first.problem})`,
    );
  }
  return { commands: result.sent, millis: result.millis };
}

type Mint = (claims: { sub: string; role: string; hospitals: readonly string[] }) => Promise<string>;

/**
 * Registers a hospital through the command API as a platform administrator, as any onboarding
 * would (both APIs refuse every other request for an unregistered hospital). True when it
 * registered it now, false when it was registered already (409 hospital-already-registered).
 */
export async function registerHospital(
  commandUrl: string,
  mint: Mint,
  hospitalId: string,
  body: { name: string; timeZone: string; currency: string } = {
    name: `Hospital ${hospitalId}`,
    timeZone: 'Europe/London',
    currency: 'GBP',
  },
): Promise<boolean> {
  const res = await fetch(`${commandUrl}/hospitals/${hospitalId}/hospitals/register-hospital`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await mint({ sub: 'platform-admin', role: 'platform_admin', hospitals: [hospitalId] })}`,
      'Content-Type': 'application/json',
      // A fresh key: a repeat must be decided again (and refused as already registered), not replayed.
      'Idempotency-Key': uuidv7(),
    },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { rule?: string };
  if (res.status === 201) return true;
  if (res.status === 409 && answer.rule === 'hospital-already-registered') return false;
  throw new Error(`registering ${hospitalId} failed: ${res.status} ${JSON.stringify(answer)}`);
}

/**
 * Registers each demo hospital not registered yet (a data folder seeded before the hospitals
 * module existed), with the demo workload's registration; returns those it registered.
 */
export async function registerDemoHospitals(commandUrl: string, mint: Mint): Promise<string[]> {
  const registered: string[] = [];
  const steps = demoWorkload();
  for (const hospitalId of DEMO_HOSPITALS) {
    const step = steps.find((s) => s.hospitalId === hospitalId && s.command === 'register-hospital');
    if (!step) throw new Error(`the demo workload does not register ${hospitalId}`);
    const body = step.body as { name: string; timeZone: string; currency: string };
    if (await registerHospital(commandUrl, mint, hospitalId, body)) registered.push(hospitalId);
  }
  return registered;
}

export interface DemoReferences {
  readonly hospitalId: string;
  /** A ward with a free bed now, and that bed (the printed flow admits a patient to it). */
  readonly wardId: string;
  readonly wardName: string;
  readonly freeBedId: string;
  readonly freeBedLabel: string;
  readonly patientStreamId: string;
  /** A billing account (an outpatient visit's) for the statement example. */
  readonly accountId: string;
  /** The pharmacy and an item it stocks (absent in a data folder seeded before inventory existed). */
  readonly pharmacy?: { readonly locationId: string; readonly itemId: string; readonly itemName: string };
  /** The ward the demo roster is made for (HR), and the first day of its rostered week. */
  readonly rosterWardId: string;
  readonly rosterWeekStart: string;
  /** A lab order of the demo (the newest; absent in a data folder seeded before the laboratory existed). */
  readonly labOrderId?: string;
}

/**
 * Ids the printed examples use: a patient stream from the events, and a free bed with its ward
 * from the views (a restart after the flow ran finds another free bed).
 */
export async function demoReferences(
  store: EventStore,
  views: ReadStore,
  hospitalId: string = DEMO_HOSPITALS[0],
): Promise<DemoReferences> {
  const [bed] = await views
    .collection('bed_board')
    .find({ hospitalId, status: 'free' }, { sort: { label: 1 }, limit: 1 });
  if (!bed) throw new Error(`no free bed in ${hospitalId}: delete the data folder to start over`);
  const ward = await views.collection('wards').findOne({ hospitalId, wardId: bed['wardId'] });
  const patient = await firstEvent(store, hospitalId, 'patients.PatientRegistered');
  const account = await firstEvent(store, hospitalId, 'billing.AccountOpened');
  const [pharmacy] = await views.collection('inventory_locations').find({ hospitalId, kind: 'pharmacy' }, { limit: 1 });
  const item = await views.collection('inventory_items').findOne({ hospitalId, code: 'PARA500' });
  const shift = await views.collection('hr_shifts').findOne({ hospitalId });
  const [labOrder] = await views.collection('lab_orders').find({ hospitalId }, { sort: { orderedAt: -1 }, limit: 1 });
  return {
    hospitalId,
    wardId: String(bed['wardId']),
    wardName: String(ward?.['name'] ?? bed['wardId']),
    freeBedId: String(bed['bedId']),
    freeBedLabel: String(bed['label']),
    patientStreamId: patient.streamId,
    accountId: account.streamId.split('.').at(-1)!,
    ...(pharmacy && item
      ? {
          pharmacy: {
            locationId: String(pharmacy['locationId']),
            itemId: String(item['itemId']),
            itemName: String(item['name']),
          },
        }
      : {}),
    rosterWardId: String(shift?.['wardId'] ?? bed['wardId']),
    rosterWeekStart: HR_ROSTER_START,
    ...(labOrder ? { labOrderId: String(labOrder['orderId']) } : {}),
  };
}

async function firstEvent(store: EventStore, hospitalId: string, type: string): Promise<{ streamId: string }> {
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, filter: { eventTypePrefixes: [type] }, maxCount: 500 });
    const found = page.find((e) => e.metadata['hospitalId'] === hospitalId);
    if (found) return { streamId: found.streamId };
    if (page.length < 500) throw new Error(`no ${type} in ${hospitalId}: was the demo seeded?`);
    after = page[page.length - 1]!.position;
  }
}
