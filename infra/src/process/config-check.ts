import { ConfigError } from '../config/env.js';

/**
 * For rules a zod object cannot say alone (one of two variables must be set): throw the same
 * ConfigError readEnv throws, so the process stops the same way, naming the variable.
 */
export function configProblem(variable: string, message: string): never {
  throw new ConfigError([{ variable, message }]);
}
