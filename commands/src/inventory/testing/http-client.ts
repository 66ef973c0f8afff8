import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { admissionsModule } from '../../admissions/index.js';
import { hospitalsModule } from '../../hospitals/index.js';
import { patientsModule } from '../../patients/index.js';
import type { CommandModule } from '../../server/command-module.js';
import type { Harness } from '../../server/testing/harness.js';
import { inventoryModule } from '../index.js';

/** What the inventory HTTP scenarios serve: an issue to a patient reads their record and stay. */
export const inventoryHttpModules: readonly CommandModule[] = [
  hospitalsModule,
  patientsModule,
  admissionsModule,
  inventoryModule,
];

export interface PostOptions {
  readonly key?: string;
  readonly sub?: string;
  readonly ifMatch?: string;
  /** The raw X-Witness-Authorization value. */
  readonly witness?: string;
}

/** An answer as the scenarios read it (named here: an inferred supertest type is not portable across clones). */
export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body, read by each scenario as it expects
  readonly body: any;
  readonly headers: Record<string, string>;
}

export interface InventoryClient {
  post(command: string, body: object, role: string, options?: PostOptions): Promise<Answer>;
  ok(command: string, body: object, role: string, status?: number, options?: PostOptions): Promise<Answer>;
  /** A patient admitted to a bed: their open stay, which issues to the patient need. */
  admittedPatient(name: string): Promise<{ wardId: string; bedId: string; patientId: string; stayId: string }>;
}

/** Commands over HTTP as an app sends them: a token per role (subject `u-<role>` unless named). */
export function inventoryClient(h: () => Harness, hospital: () => string): InventoryClient {
  const post = async (command: string, body: object, role: string, options: PostOptions = {}) => {
    const req = request(h().app)
      .post(`/hospitals/${hospital()}/${command.includes('/') ? command : `inventory/${command}`}`)
      .set(
        'Authorization',
        `Bearer ${await h().token({ role, hospitals: [hospital()], sub: options.sub ?? `u-${role}` })}`,
      )
      .set('Idempotency-Key', options.key ?? uuidv7());
    if (options.ifMatch) req.set('If-Match', options.ifMatch);
    if (options.witness !== undefined) req.set('X-Witness-Authorization', options.witness);
    const res = await req.send(body);
    return { status: res.status, body: res.body, headers: res.headers as Record<string, string> };
  };
  const ok = async (command: string, body: object, role: string, status = 201, options: PostOptions = {}) => {
    const res = await post(command, body, role, options);
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).to.equal(status);
    return res;
  };
  /** A patient admitted to a bed: their open stay, which issues to the patient need. */
  const admittedPatient = async (name: string) => {
    const wardId = (await ok('admissions/define-ward', { name: `Ward ${name}`, specialty: 'medical' }, 'admin')).body
      .id as string;
    const bedId = (await ok('admissions/add-bed', { wardId, label: `${name}-1` }, 'admin')).body.id as string;
    const patientId = (
      await ok(
        'patients/register-patient',
        { givenName: name, familyName: 'Testperson', birthDate: '1970-01-01', sex: 'female' },
        'front_desk',
      )
    ).body.id as string;
    const stayId = (await ok('admissions/request-admission', { patientId, wardId }, 'front_desk')).body.id as string;
    await ok('admissions/admit-patient', { stayId, patientId, bedId }, 'nurse', 200);
    return { wardId, bedId, patientId, stayId };
  };
  return { post, ok, admittedPatient };
}
