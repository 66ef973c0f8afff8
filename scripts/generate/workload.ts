import { commandModuleNames } from '@chartline/events';
import { moduleWorkloads } from '../modules/registry.js';
import type {
  DayPart,
  HospitalWorld,
  ModuleWorkload,
  Person,
  WorkloadOptions,
  WorkloadStep,
} from './hospital-world.js';
import { type Random, seededRandom } from './prng.js';

export type { BodyLiteral, BodyValue, Ref, WorkloadOptions, WorkloadStep } from './hospital-world.js';

/**
 * N hospitals × M days of plausible activity, deterministic from the seed. Each module brings its
 * own share (scripts/modules/<module>/workload.ts): set-up on day 0, parts of each day at their
 * times, and what it does when a patient arrives. The plug-ins keep their own model of every bed
 * and stay, so every step is valid when sent in order (a refused step is a bug to report).
 */
export function generateWorkload(options: WorkloadOptions): WorkloadStep[] {
  const steps: WorkloadStep[] = [];
  const hospitalIds =
    options.hospitalIds ??
    Array.from({ length: options.hospitals }, (_, h) => `${options.hospitalPrefix ?? 'gen'}-${h + 1}`);
  for (const hospitalId of hospitalIds) {
    // One stream of numbers per hospital: adding a hospital does not change the others.
    steps.push(...hospitalWorkload(hospitalId, seededRandom(`${options.seed}/${hospitalId}`), options));
  }
  // Hospitals' days interleave like real clocks; within a hospital, order is kept (stable sort).
  return steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => a.step.day - b.step.day || a.step.minute - b.step.minute || a.i - b.i)
    .map(({ step }) => step);
}

function hospitalWorkload(hospitalId: string, random: Random, options: WorkloadOptions): WorkloadStep[] {
  const steps: WorkloadStep[] = [];
  let counter = 0;
  let plugins: ModuleWorkload[] = [];
  const world: HospitalWorld = {
    hospitalId,
    random,
    options,
    day: 0,
    minute: 0,
    people: [],
    inpatients: [],
    wards: [],
    labTests: [],
    stockItems: [],
    step: (s) => steps.push({ hospitalId, day: world.day, minute: world.minute, ...s }),
    name: (kind) => `${hospitalId}/${kind}-${++counter}`,
    arrived: (person: Person) => {
      for (const plugin of plugins) plugin.onArrival?.(person);
    },
    discharging: (stay) => {
      let remedy: WorkloadStep['remedy'] | undefined;
      for (const plugin of plugins) remedy ??= plugin.beforeDischarge?.(stay);
      return remedy;
    },
    discharged: (stay) => {
      for (const plugin of plugins) plugin.afterDischarge?.(stay);
    },
  };
  plugins = commandModuleNames.map((m) => moduleWorkloads[m](world));
  for (const plugin of plugins) plugin.onboard?.();
  for (const plugin of plugins) plugin.setUp?.();
  // Each day's parts in time order; parts at the same time in manifest order (a stable sort).
  const parts: DayPart[] = plugins.flatMap((p) => p.day ?? []).sort((a, b) => a.from - b.from);
  for (world.day = 1; world.day <= options.days; world.day++) {
    // A busy day can run past midnight; the clock only moves forward within a hospital's day.
    world.minute = 0;
    for (const part of parts) {
      world.minute = Math.max(world.minute, part.from);
      part.run();
    }
  }
  return steps;
}
