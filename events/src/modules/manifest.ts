/**
 * The module manifest: every module Chartline has, and what it has on each side. It sits at the
 * bottom of the stack and imports nothing, so every package can type its registries by it: a
 * registry is a `Record<ModuleName, …>` (or keyed by a derived subset), so a module added here and
 * forgotten in a registry, or a misspelt key, does not compile.
 *
 * Adding a module starts with one entry here (`npm run new-module <name>` writes it).
 */

/**
 * Whose personal data a module's encrypted fields belong to (the key store is keyed by subject).
 * An event names its subject in `<subject>Id` (`patientId`, `staffId`).
 */
export const personalDataSubjects = ['patient', 'staff'] as const;
export type PersonalDataSubject = (typeof personalDataSubjects)[number];

export interface ModuleDeclaration {
  /** The write side serves commands for it (commands/src/<module>/). */
  readonly commands: boolean;
  /** It has read models built by a projector (projections/src/<module>/). */
  readonly projection: boolean;
  /** The read API serves query routes for it (read-api/src/<module>/). */
  readonly reads: boolean;
  /**
   * Its process managers (commands/src/<module>/process-managers/<name>.ts): each consumes the
   * topics of the modules it lists and sends this module's commands.
   */
  readonly processManagers: readonly { readonly name: string; readonly consumes: readonly string[] }[];
  /** Its aggregates (stream categories) an auditor can fold to a state as of a time. */
  readonly aggregates: readonly string[];
  /** Personal data it holds: the subject the keys belong to and the events that erase it. */
  readonly personalData?: {
    readonly subject: PersonalDataSubject;
    /** Event names (without the module prefix) after which the subject's key is shredded. */
    readonly erasureEvents: readonly string[];
  };
}

export const moduleManifest = {
  patients: {
    commands: true,
    projection: true,
    reads: true,
    processManagers: [],
    aggregates: ['patient'],
    personalData: { subject: 'patient', erasureEvents: ['PatientPersonalDataErased'] },
  },
  admissions: {
    commands: true,
    projection: true,
    reads: true,
    processManagers: [{ name: 'discharge-on-death', consumes: ['patients'] }],
    aggregates: ['stay', 'bed', 'ward'],
  },
  /** What the read API records about reads of personal data; written by the read API itself. */
  audit: {
    commands: false,
    projection: false,
    reads: true,
    processManagers: [],
    aggregates: [],
  },
  hospitals: {
    commands: true,
    projection: true,
    reads: true,
    processManagers: [],
    aggregates: ['hospital'],
  },
  inventory: {
    commands: true,
    projection: true,
    reads: true,
    processManagers: [],
    aggregates: ['item', 'location', 'stock', 'transfer'],
  },
  hr: {
    commands: true,
    projection: true,
    reads: true,
    processManagers: [],
    aggregates: ['staff', 'staffAccess', 'shiftType', 'shiftSwap', 'licenceRegister'],
    personalData: { subject: 'staff', erasureEvents: ['StaffPersonalDataErased'] },
  },
  laboratory: {
    commands: true,
    projection: true,
    reads: true,
    // A patient's erasure reaches the lab's read models through a lab event of its own.
    processManagers: [{ name: 'erase-on-patient-erasure', consumes: ['patients'] }],
    aggregates: ['labOrder', 'labTest', 'labPanel', 'labPatient'],
  },
  billing: {
    commands: true,
    projection: true,
    reads: true,
    processManagers: [{ name: 'charge-capture', consumes: ['admissions', 'laboratory', 'inventory'] }],
    aggregates: ['account', 'priceList', 'payer', 'invoiceSequence', 'cashierShift'],
  },
} as const satisfies Readonly<Record<string, ModuleDeclaration>>;

type Manifest = typeof moduleManifest;

/** Every module's name. */
export type ModuleName = keyof Manifest;
/** Modules whose commands the command API serves. */
export type CommandModuleName = { [M in ModuleName]: Manifest[M]['commands'] extends true ? M : never }[ModuleName];
/** Modules with read models and a projector. */
export type ProjectedModuleName = { [M in ModuleName]: Manifest[M]['projection'] extends true ? M : never }[ModuleName];
/** Modules with query routes. */
export type ReadModuleName = { [M in ModuleName]: Manifest[M]['reads'] extends true ? M : never }[ModuleName];

export const moduleNames = Object.keys(moduleManifest) as ModuleName[];
export const commandModuleNames = moduleNames.filter((m) => moduleManifest[m].commands) as CommandModuleName[];
export const projectedModuleNames = moduleNames.filter((m) => moduleManifest[m].projection) as ProjectedModuleName[];
export const readModuleNames = moduleNames.filter((m) => moduleManifest[m].reads) as ReadModuleName[];

export const isModuleName = (name: string): name is ModuleName => Object.hasOwn(moduleManifest, name);
export const isCommandModuleName = (name: string): name is CommandModuleName =>
  (commandModuleNames as readonly string[]).includes(name);
export const isProjectedModuleName = (name: string): name is ProjectedModuleName =>
  (projectedModuleNames as readonly string[]).includes(name);
export const isReadModuleName = (name: string): name is ReadModuleName =>
  (readModuleNames as readonly string[]).includes(name);

/** The aggregates (stream categories) a module declares auditable. */
export type AggregateName<M extends ModuleName = ModuleName> = Manifest[M]['aggregates'][number];
/** Every auditable aggregate of every module, in manifest order. */
export const auditableAggregateNames = moduleNames.flatMap((m) => moduleManifest[m].aggregates) as AggregateName[];
