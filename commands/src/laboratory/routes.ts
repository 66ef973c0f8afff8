import { moduleEvents } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { laboratoryCommands } from './specs.js';

/** The laboratory module as the command server serves it: POST /hospitals/:hospitalId/laboratory/<command>. */
export const laboratoryModule: CommandModule = {
  name: 'laboratory',
  specs: laboratoryCommands,
  events: moduleEvents.laboratory,
};
