import { commandModuleNames } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { commandModuleRegistry } from './command-modules.generated.js';

/**
 * Each module the command API serves, keyed by the manifest: generated from it (`npm run generate`)
 * out of each module's `<module>Module`, so a module with commands and no such export does not compile.
 */
export { commandModuleRegistry };

/** Every module the command API serves, in manifest order; the relay relays the same modules' events. */
export const commandModules: readonly CommandModule[] = commandModuleNames.map((m) => commandModuleRegistry[m]);
