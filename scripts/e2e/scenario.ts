import { moduleNames } from '@chartline/events';
import { expect } from 'chai';
import { moduleScenarios } from '../modules/registry.js';
import type { PersonalIdentifiers } from '../observability/personal-data-in-logs.js';
import {
  type Answer,
  type AuditedStream,
  SCENARIO_PHASES,
  type ScenarioContext,
  type SendOptions,
  type SystemUnderTest,
} from './scenario-context.js';

export type { SystemUnderTest } from './scenario-context.js';

/**
 * The whole hospital story over HTTP, as apps and auditors see it, each module telling its part
 * (scripts/modules/<module>/scenario.ts) phase by phase: set up (a ward and beds), a patient
 * arrives (registered; a duplicate flagged and dismissed), care (admit, transfer, discharge,
 * clean), the screens read with consistency tokens, the auditors' histories and hash chains, and
 * erasure of the patient's personal data while the chain holds. Returns the registered patient's
 * identifiers, for checks that they never reached a log.
 */
export function adtScenario(system: () => SystemUnderTest): PersonalIdentifiers {
  let sut: SystemUnderTest;
  let position = 0;
  let key = 0;
  const person = {
    givenName: 'Scenaria',
    familyName: `Endtoend${Date.now() % 100000}`,
    birthDate: '1971-02-03',
    nationalId: `NI-${String(Date.now() % 10000).padStart(4, '0')}-7731-QE`,
  };

  before(() => {
    sut = system();
  });

  async function attempt(role: string, path: string, body: object, options: SendOptions = {}): Promise<Answer> {
    const res = await fetch(`${sut.commandUrl}/hospitals/${sut.hospitalId}/${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await sut.mint(role, sut.hospitalId, options.subject)}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `scenario-${Date.now()}-${++key}`,
        ...(options.ifMatch === undefined ? {} : { 'If-Match': `"${options.ifMatch}"` }),
        ...(options.witness === undefined
          ? {}
          : { 'X-Witness-Authorization': `Bearer ${await sut.mint(options.witness, sut.hospitalId)}` }),
      },
      body: JSON.stringify(body),
    });
    const token = res.headers.get('x-consistency-token');
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown>,
      position: token ? Number(token) : undefined,
    };
  }

  async function command(role: string, path: string, body: object, options: SendOptions = {}): Promise<Answer> {
    const answer = await attempt(role, path, body, options);
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).to.be.within(200, 201);
    if (answer.position !== undefined) position = Math.max(position, answer.position);
    return answer;
  }

  async function read(role: string, path: string, subject?: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(`${sut.readUrl}/hospitals/${sut.hospitalId}/${path}`, {
        headers: {
          Authorization: `Bearer ${await sut.mint(role, sut.hospitalId, subject)}`,
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

  async function peek(role: string, path: string, subject?: string): Promise<Answer> {
    const res = await fetch(`${sut.readUrl}/hospitals/${sut.hospitalId}/${path}`, {
      headers: { Authorization: `Bearer ${await sut.mint(role, sut.hospitalId, subject)}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, position: undefined };
  }

  const audited: AuditedStream[] = [];
  const ctx: ScenarioContext = {
    hospitalId: () => sut.hospitalId,
    command,
    read,
    attempt,
    peek,
    ids: {},
    person,
    audited,
    expect,
  };
  for (const phase of SCENARIO_PHASES) for (const module of moduleNames) moduleScenarios[module][phase]?.(ctx);

  return person;
}
