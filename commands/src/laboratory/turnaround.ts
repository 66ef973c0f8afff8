import type { LabTurnaroundMinutes } from '../hospitals/index.js';
import type { Priority, TestDefinition } from './catalogue.js';

/**
 * The target for one ordered test: the test's own target for the priority, else the hospital's
 * setting in force when it is ordered (loaded with the command through the settings port).
 */
export function turnaroundTargetMinutes(
  test: TestDefinition,
  priority: Priority,
  hospital: LabTurnaroundMinutes,
): number {
  return test.turnaroundMinutes[priority] ?? hospital[priority];
}
