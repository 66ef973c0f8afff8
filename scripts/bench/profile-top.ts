/**
 * The top of a V8 CPU profile (`node --cpu-prof`, or the inspector's Profiler.stop) as text:
 * self time by function, and by where the code lives (a package under node_modules, or our own
 * workspace folder), optionally over a time window only (µs of CLOCK_MONOTONIC, which V8's profile
 * timestamps use on Linux), so start-up can be left out.
 * Run: `npx tsx scripts/bench/profile-top.ts <file.cpuprofile> [top=30]`
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

export interface ProfileTop {
  readonly totalMs: number;
  readonly byFunction: [string, number][];
  readonly byPlace: [string, number][];
  /** Inclusive time (the function and what it calls) of our own functions. */
  readonly inclusive: [string, number][];
}

/** Where code lives: a package (node_modules/<pkg>), node:internal, or our workspace folder. */
export function placeOf(url: string): string {
  if (!url) return '(native / VM)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const ours = /\/(events|kernel|infra|commands|projections|read-api|scripts)\/src\/(.*?)(\/[^/]*)?$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

export function profileTop(
  profile: Profile,
  window: { fromMicros?: number; toMicros?: number } = {},
  top = 30,
): ProfileTop {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${placeOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const place = new Map<string, number>();
  const inclusive = new Map<string, number>();
  // Each sample counts as one sampling interval (the median gap): a sample is taken when the
  // thread runs, so on a loaded machine the gaps (wall time) would weigh a stall after a
  // deschedule as if it were work; counting samples keeps the shares those of CPU time.
  const gaps = [...profile.timeDeltas].sort((a, b) => a - b);
  const interval = (gaps[Math.floor(gaps.length / 2)] ?? 1000) / 1000;
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (window.fromMicros !== undefined && t < window.fromMicros) continue;
    if (window.toMicros !== undefined && t > window.toMicros) continue;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)') continue;
    const ms = interval;
    total += ms;
    self.set(name(node), (self.get(name(node)) ?? 0) + ms);
    const where = node.callFrame.url ? placeOf(node.callFrame.url) : node.callFrame.functionName;
    place.set(where, (place.get(where) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      if (!/\/(events|kernel|infra|commands|projections|read-api)\/src\//.test(n.callFrame.url)) continue;
      const key = name(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs: total, byFunction: sorted(self), byPlace: sorted(place), inclusive: sorted(inclusive) };
}

export function printProfileTop(file: string, window: { fromMicros?: number; toMicros?: number } = {}, top = 30) {
  const result = profileTop(JSON.parse(readFileSync(file, 'utf8')) as Profile, window, top);
  const pct = (ms: number) => `${((100 * ms) / Math.max(result.totalMs, 1e-9)).toFixed(1).padStart(5)} %`;
  console.log(`\n${file}: ${result.totalMs.toFixed(0)} ms of samples (idle excluded; samples × interval)`);
  console.log('\nself time by place:');
  for (const [k, ms] of result.byPlace) console.log(`  ${pct(ms)}  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  console.log('\nself time by function:');
  for (const [k, ms] of result.byFunction) console.log(`  ${pct(ms)}  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  console.log('\ninclusive time of our own functions:');
  for (const [k, ms] of result.inclusive) console.log(`  ${pct(ms)}  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [top]');
  printProfileTop(file, {}, top ? Number(top) : 30);
}
