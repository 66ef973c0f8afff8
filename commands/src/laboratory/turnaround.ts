import { DEFAULT_HOSPITAL_SETTINGS, type HospitalSettings } from '../hospitals/index.js';
import type { Priority, TestDefinition } from './catalogue.js';

/**
 * The hospital's lab turnaround targets in force. Until the hospitals module's settings port
 * (`loadHospitalSettings(hospitalId, at)`, loaded with the command) is on main, this answers the
 * documented defaults — 60 min stat, 240 min urgent, 1440 min routine — and is the one place to swap.
 */
export function labSettingsInForce(_hospitalId: string, _at: string): HospitalSettings['labTurnaroundMinutes'] {
  return DEFAULT_HOSPITAL_SETTINGS.labTurnaroundMinutes;
}

/**
 * The target for one ordered test: the test's own target for the priority, else the hospital's.
 * The hospital has no asap setting; asap (between urgent and stat in FHIR) takes the stat target.
 */
export function turnaroundTargetMinutes(
  test: TestDefinition,
  priority: Priority,
  hospital: HospitalSettings['labTurnaroundMinutes'],
): number {
  const own = test.turnaroundMinutes[priority];
  if (own !== null) return own;
  return priority === 'asap' ? hospital.stat : hospital[priority];
}
