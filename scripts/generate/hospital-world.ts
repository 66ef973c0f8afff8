import type { CommandModuleName } from '@chartline/events';
import type { Role } from '@chartline/kernel';
import type { Demographics } from './people.js';
import type { Random } from './prng.js';

/**
 * A value the command API chose (ids are made by the server): the driver substitutes the `id` of
 * the earlier step saved under this name, or with `created`, the id that step's answer named under
 * `created.<field>` (what it made inside another record's stream: a leave request, a shift).
 */
export interface Ref {
  readonly $ref: string;
  readonly created?: string;
  /** Sent before the id, for a value that embeds it (billing's `stock:<item id>` service code). */
  readonly prefix?: string;
}

/**
 * A literal a body may carry besides ids: any JSON value (numbers, flags, lists of codes, counts
 * per code, a lab test's reference ranges as a list of records).
 */
export type BodyLiteral =
  | string
  | number
  | boolean
  | null
  | readonly BodyLiteral[]
  | { readonly [key: string]: BodyLiteral };
/** A body value: a literal, a reference, or a list or record of them (refs inside are resolved too). */
export type BodyValue = BodyLiteral | Ref | readonly BodyValue[] | { readonly [key: string]: BodyValue };

/** Whether a body value is a reference to an earlier step's id (rather than a literal). */
export const isRef = (value: BodyValue): value is Ref =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as Partial<Ref>).$ref === 'string';

export const ref = (name: string, prefix?: string): Ref => (prefix ? { $ref: name, prefix } : { $ref: name });
/** The id a saved step's answer named under `created.<field>` (e.g. the leave id of request-leave). */
export const createdRef = (name: string, field: string): Ref => ({ $ref: name, created: field });

/** One command as an app would send it, in order. */
export interface WorkloadStep {
  readonly hospitalId: string;
  /** The role whose token sends it. */
  readonly role: Role;
  readonly module: CommandModuleName;
  /** Route segment, e.g. `register-patient`. */
  readonly command: string;
  readonly body: Readonly<Record<string, BodyValue>>;
  /**
   * A second person witnesses it (a controlled substance issued, stock destroyed): a token of this
   * role, another subject than the sender's, goes in X-Witness-Authorization.
   */
  readonly witnessRole?: Role;
  /** Name under which the response's `id` (and its `created` ids) are kept for later Refs. */
  readonly saveAs?: string;
  /** Simulated day (0 = set-up) and minute of that day: the order the steps happen in. */
  readonly day: number;
  readonly minute: number;
  /**
   * It waits on a process manager (billing's charge capture opens a stay's account and charges it
   * after the clinical commands): while refused with one of these rules it is sent again after a
   * pause, up to the driver's patience. Only workloads generated with `stayBilling` have such steps.
   */
  readonly awaits?: readonly string[];
  /** A refusal that means there is nothing to do (a final invoice with nothing left to bill): done, no id. */
  readonly tolerates?: readonly string[];
  /** Sent to be refused with this rule (a clerk meeting the discharge guard): refused so, it is done. */
  readonly expectRefused?: string;
  /**
   * Refused with `whileRefused`, the steps are sent (a clerk invoicing what charge capture added
   * meanwhile) and the step again, up to five times.
   */
  readonly remedy?: { readonly whileRefused: string; readonly steps: readonly RemedyStep[] };
}

/** A step sent only as a remedy of another: same hospital, day and minute, no saved id. */
export type RemedyStep = Pick<WorkloadStep, 'role' | 'module' | 'command' | 'body'>;

/** A patient about to leave (or just gone): what a module needs to act on the stay. */
export interface DischargingStay {
  readonly stayRef: string;
  readonly patientRef: string;
  readonly bedRef: string;
  /** The discharge's body, for a module that sends it once more (to meet the discharge guard). */
  readonly body: Readonly<Record<string, BodyValue>>;
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
  /**
   * Stays invoiced too: only where charge capture runs beside the command API (the embedded start),
   * since their steps wait on it. After a discharge the stay's final invoice is issued and partly
   * paid or left outstanding; the hospitals in `refuseIn` refuse a discharge with unbilled charges,
   * so their stays are billed before the discharge (now and then meeting the refusal first).
   */
  readonly stayBilling?: { readonly refuseIn?: readonly string[] };
}

/** A person registered in this hospital's simulation (the patients plug-in adds them). */
export interface Person {
  readonly ref: string;
  readonly who: Demographics;
}

/** A patient in a bed now (the admissions plug-in keeps the list), for modules acting on inpatients. */
export interface Inpatient {
  readonly patientRef: string;
  readonly stayRef: string;
  readonly wardRef: string;
}

/**
 * One hospital's simulated world, shared by the modules' plug-ins: the clock, the one stream of
 * random numbers (so a seed reproduces the whole hospital), the steps so far and the people known.
 */
export interface HospitalWorld {
  readonly hospitalId: string;
  readonly random: Random;
  readonly options: WorkloadOptions;
  day: number;
  minute: number;
  readonly people: Person[];
  /** Patients admitted and not yet discharged, oldest admission first. */
  readonly inpatients: Inpatient[];
  /** Refs of the wards defined so far (the admissions plug-in adds them), for modules that work per ward. */
  readonly wards: string[];
  /** Codes of the lab tests defined so far (the laboratory plug-in adds them), for the price list. */
  readonly labTests: string[];
  /** Stock items defined so far (the inventory plug-in adds them): their refs and names, for the price list. */
  readonly stockItems: { readonly ref: string; readonly name: string }[];
  /** Records a command at the current day and minute. */
  step(s: Omit<WorkloadStep, 'hospitalId' | 'day' | 'minute'>): void;
  /** A fresh name to save a step's id under: `<hospitalId>/<kind>-<n>`. */
  name(kind: string): string;
  /** Tells every module's plug-in that a patient has just arrived (registered or returning). */
  arrived(person: Person): void;
  /**
   * Before a discharge is sent: the plug-ins' steps go first (a stay billed before it leaves), and
   * what to do if the discharge is refused anyway (the first plug-in's remedy, if any).
   */
  discharging(stay: DischargingStay): WorkloadStep['remedy'] | undefined;
  /** Just after a discharge was sent (a stay's final invoice). */
  discharged(stay: DischargingStay): void;
}

/** A part of a module's simulated day: it starts no earlier than `from` (minutes after midnight). */
export interface DayPart {
  readonly from: number;
  run(): void;
}

/**
 * One module's share of a hospital's simulated life, made per hospital: what it sets up on day 0,
 * what it does during each day, and how it reacts when a patient arrives. Plug-ins keep their own
 * model (beds, stays, …) so every step they emit is valid when sent in order.
 */
export interface ModuleWorkload {
  /**
   * Before any module's set-up on day 0: bringing the hospital onto the platform (the hospitals
   * module registers it), since every other command for an unregistered hospital is refused.
   */
  onboard?(): void;
  setUp?(): void;
  readonly day?: readonly DayPart[];
  onArrival?(person: Person): void;
  beforeDischarge?(stay: DischargingStay): WorkloadStep['remedy'] | undefined;
  afterDischarge?(stay: DischargingStay): void;
}

export type ModuleWorkloadFactory = (world: HospitalWorld) => ModuleWorkload;

/** Every module's workload plug-in, keyed by the modules whose commands it sends. */
export type ModuleWorkloads = { readonly [M in CommandModuleName]: ModuleWorkloadFactory };
