import type { ModuleName } from '@chartline/events';
import type { expect } from 'chai';

/** What the scenario needs of a running Chartline, however it was started. */
export interface SystemUnderTest {
  readonly commandUrl: string;
  readonly readUrl: string;
  readonly hospitalId: string;
  /** A token for `role` in the hospital; its subject is `e2e-<role>` unless `subject` names another. */
  mint(role: string, hospitalId: string, subject?: string): Promise<string>;
}

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly position: number | undefined;
}

/** The patient the scenario registers; their identifiers must never reach a log. */
export interface ScenarioPerson {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly nationalId: string;
}

/** A stream an auditor should find, with event types its history must include. */
export interface AuditedStream {
  readonly stream: string;
  readonly types: readonly string[];
}

/** How a command is sent beyond its body. */
export interface SendOptions {
  /**
   * A second person witnesses it: a token of this role (another subject than the sender's) goes in
   * X-Witness-Authorization, as an app sends the witness's own token.
   */
  readonly witness?: string;
  /** If-Match: the revision (ETag) the change was decided on. */
  readonly ifMatch?: number;
  /** Whose token sends it: its subject (default `e2e-<role>`), e.g. a staff member HR governs. */
  readonly subject?: string;
}

/** What each module's part of the scenario uses: HTTP as an app sends it, and what earlier parts made. */
export interface ScenarioContext {
  /** The hospital (known once the system is up, so a function). */
  hospitalId(): string;
  /** Sends a command (`<module>/<command>`) and expects it accepted; keeps its consistency token. */
  command(role: string, path: string, body: object, options?: SendOptions): Promise<Answer>;
  /** A read that must reflect every command so far (sends the newest consistency token). */
  read(role: string, path: string, subject?: string): Promise<Record<string, unknown>>;
  /** Sends a command and answers whatever came back (for a refusal a part expects). */
  attempt(role: string, path: string, body: object, options?: SendOptions): Promise<Answer>;
  /** A read answered whatever came back, without waiting for any write (for an expected refusal). */
  peek(role: string, path: string, subject?: string): Promise<Answer>;
  /** Ids made by earlier parts, by name (`ward`, `patient`, `stay`, …). */
  readonly ids: Record<string, string>;
  readonly person: ScenarioPerson;
  /** chai's expect, handed in so a module's part imports no test library (the generator shares its folder). */
  readonly expect: typeof expect;
  /** Streams the auditors' part checks: each module names those its story wrote. */
  readonly audited: AuditedStream[];
}

/**
 * The scenario's phases, in the order they run: the hospital brought onto the platform
 * (registered: the APIs refuse everything else for an unregistered hospital), set up, a patient
 * arrives, is cared for, the screens are read, auditors check the history, and the patient's
 * personal data is erased.
 */
export const SCENARIO_PHASES = ['onboarding', 'setUp', 'arrival', 'care', 'reads', 'audit', 'erasure'] as const;
export type ScenarioPhase = (typeof SCENARIO_PHASES)[number];

/** One module's part of the scenario: per phase, a function that declares its `it`s. */
export type ModuleScenario = { readonly [P in ScenarioPhase]?: (ctx: ScenarioContext) => void };

/** Every module's part, keyed by the manifest (an empty part is allowed, a forgotten one is not). */
export type ModuleScenarios = { readonly [M in ModuleName]: ModuleScenario };
