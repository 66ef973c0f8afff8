import { moduleEvents } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { hospitalsCommands } from './commands.js';

/** The hospitals module as the command server serves it: POST /hospitals/:hospitalId/hospitals/<command>. */
export const hospitalsModule: CommandModule = {
  name: 'hospitals',
  specs: hospitalsCommands,
  events: moduleEvents.hospitals,
};
