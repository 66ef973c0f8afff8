import type { moduleManifest } from '@chartline/events';
import { admissionsModule, dischargeOnDeath } from '../admissions/index.js';
import { billingModule, chargeCapture } from '../billing/index.js';
import { eraseOnPatientErasure, laboratoryModule } from '../laboratory/index.js';
import type { ProcessManager } from '../process-manager/define.js';
import type { CommandModule } from '../server/command-module.js';

type Manifest = typeof moduleManifest;

/** `<module>.<name>` of every process manager the manifest declares. */
export type ProcessManagerName = {
  [M in keyof Manifest]: `${M & string}.${Manifest[M]['processManagers'][number]['name']}`;
}[keyof Manifest];

export interface RegisteredProcessManager {
  readonly processManager: ProcessManager;
  /** Its module as the command API serves it: its commands go through the same specs. */
  readonly module: CommandModule;
}

/** Every process manager, keyed by the manifest's names: one declared and not registered does not compile. */
export const processManagers: Readonly<Record<ProcessManagerName, RegisteredProcessManager>> = {
  'admissions.discharge-on-death': { processManager: dischargeOnDeath, module: admissionsModule },
  'billing.charge-capture': { processManager: chargeCapture, module: billingModule },
  'laboratory.erase-on-patient-erasure': { processManager: eraseOnPatientErasure, module: laboratoryModule },
};

export const isProcessManagerName = (name: string): name is ProcessManagerName => Object.hasOwn(processManagers, name);
