import { moduleEvents } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { hrCommands } from './commands.js';

/** The hr module as the command server serves it: POST /hospitals/:hospitalId/hr/<command>. */
export const hrModule: CommandModule = {
  name: 'hr',
  specs: hrCommands,
  events: moduleEvents.hr,
};
