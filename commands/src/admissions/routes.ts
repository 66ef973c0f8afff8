import { moduleEvents } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { admissionsCommands } from './specs.js';

/** The admissions module as the command server serves it: POST /hospitals/:hospitalId/admissions/<command>. */
export const admissionsModule: CommandModule = {
  name: 'admissions',
  specs: admissionsCommands,
  events: moduleEvents.admissions,
};
