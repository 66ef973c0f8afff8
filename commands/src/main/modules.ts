import { type CommandModuleName, commandModuleNames } from '@chartline/events';
import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import type { CommandModule } from '../server/command-module.js';

/** Each module the command API serves, keyed by the manifest: a missing or misspelt entry does not compile. */
export const commandModuleRegistry: Readonly<Record<CommandModuleName, CommandModule>> = {
  patients: patientsModule,
  admissions: admissionsModule,
};

/** Every module the command API serves, in manifest order; the relay relays the same modules' events. */
export const commandModules: readonly CommandModule[] = commandModuleNames.map((m) => commandModuleRegistry[m]);
