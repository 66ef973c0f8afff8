import { admissionsModule } from '../admissions/routes.js';
import { patientsModule } from '../patients/routes.js';
import type { CommandModule } from '../server/command-module.js';

/** Every module the command API serves; the relay relays the same modules' events. */
export const commandModules: readonly CommandModule[] = [patientsModule, admissionsModule];
