import { moduleEvents } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { inventoryCommands } from './specs.js';

/** The inventory module as the command server serves it: POST /hospitals/:hospitalId/inventory/<command>. */
export const inventoryModule: CommandModule = {
  name: 'inventory',
  specs: inventoryCommands,
  events: moduleEvents.inventory,
};
