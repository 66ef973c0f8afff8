import { moduleEvents } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { patientsCommands } from './specs.js';

/** The patients module as the command server serves it: POST /hospitals/:hospitalId/patients/<command>. */
export const patientsModule: CommandModule = {
  name: 'patients',
  specs: patientsCommands,
  events: moduleEvents.patients,
};
