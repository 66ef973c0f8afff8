import { moduleEvents } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { billingCommands } from './commands.js';

/** The billing module as the command server serves it: POST /hospitals/:hospitalId/billing/<command>. */
export const billingModule: CommandModule = {
  name: 'billing',
  specs: billingCommands,
  events: moduleEvents.billing,
};
