import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ModuleDeclaration, moduleManifest } from '@chartline/events';
import { expect } from 'chai';
import { parse } from 'yaml';
import type { z } from 'zod';
import { processEnvs } from '../config/processes.js';
import { regions, withRegion } from './generated-files.js';
import { projectedModules } from './manifests.js';
import { moduleWorkloads, workloadProcess } from './workloads.js';

const deployDir = fileURLToPath(new URL('../../deploy/', import.meta.url));

interface ComposeService {
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, unknown> | string[];
}

/** `${NAME:-default}` → default: what the laptop stack runs with when the shell sets nothing. */
const interpolated = (value: string | number) => String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

/** The real manifest, and one grown by a module with read models and one with a process manager. */
const lab: ModuleDeclaration = {
  commands: true,
  projection: true,
  reads: true,
  processManagers: [],
  aggregates: ['lab'],
};
const manifests: [string, Readonly<Record<string, ModuleDeclaration>>][] = [
  ['compose.yaml', moduleManifest],
  [
    'compose.yaml regenerated for a manifest with a new module and a process manager',
    {
      ...moduleManifest,
      lab,
      billing: { ...lab, projection: false, processManagers: [{ name: 'capture', consumes: ['admissions', 'lab'] }] },
    },
  ],
];

for (const [label, manifest] of manifests) describeStack(label, manifest);

function describeStack(label: string, manifest: Readonly<Record<string, ModuleDeclaration>>) {
  describe(`laptop stack (${label})`, () => {
    const workloads = moduleWorkloads(manifest);
    const text = withRegion(readFileSync(`${deployDir}compose.yaml`, 'utf8'), regions.compose, workloads);
    const compose = parse(text, { merge: true }) as { services: Record<string, ComposeService> };
    const prometheus = withRegion(
      readFileSync(`${deployDir}prometheus/prometheus.yml`, 'utf8'),
      regions.prometheus,
      workloads,
    );
    const chartline = Object.entries(compose.services).flatMap(([name, service]) => {
      const script = service.command?.find((part) => part.startsWith('dist/'));
      const process = script?.slice('dist/'.length, -'.mjs'.length);
      return process && process in processEnvs ? [{ name, service, process: process as keyof typeof processEnvs }] : [];
    });
    const unknown = Object.entries(compose.services).flatMap(([name, service]) => {
      const script = service.command?.find((part) => part.startsWith('dist/'));
      const process = script?.slice('dist/'.length, -'.mjs'.length);
      return process && !(process in processEnvs) ? [`${name}: ${process}`] : [];
    });

    it('runs every process, one projector per module with read models and one service per process manager', () => {
      // A per-module process runs only when some module has one.
      const expected = Object.keys(processEnvs).filter(
        (p) => !(p in workloadProcess) || workloads.some((w) => w.kind === p),
      );
      expect(new Set(chartline.map((c) => c.process))).to.deep.equal(new Set(expected));
      const perModule = Object.keys(compose.services).filter((name) => /^(projector|process-manager)-/.test(name));
      expect(perModule.sort()).to.deep.equal(workloads.map((w) => w.name).sort());
      for (const w of workloads) {
        expect(compose.services[w.name]?.environment, w.name).to.include({ ...w.env, OTEL_SERVICE_NAME: w.name });
      }
      if (manifest === moduleManifest) {
        const modules = chartline
          .filter((c) => c.process === 'projector')
          .map((c) => c.service.environment?.['PROJECTOR_MODULE']);
        expect(modules.sort()).to.deep.equal(projectedModules());
      }
    });

    it('gives every process each variable it reads, with a value its schema accepts', () => {
      for (const { name, service, process } of chartline) {
        const schema: z.ZodObject = processEnvs[process];
        const env = service.environment ?? {};
        expect(Object.keys(env), name).to.include.members(Object.keys(schema.shape));
        for (const [variable, raw] of Object.entries(env)) {
          const field = schema.shape[variable] as z.ZodType | undefined;
          const value = interpolated(raw);
          // An empty value is unset (readEnv): only the either/or JWT variables and the optional
          // anchor pair may be left so here.
          if (value === '')
            expect(
              ['JWT_JWKS_URL', 'JWT_PUBLIC_KEY', 'ANCHOR_STORE_URL', 'ANCHOR_PUBLIC_KEY'],
              `${name} ${variable} is empty`,
            ).to.include(variable);
          if (!field || value === '') continue;
          const parsed = field.safeParse(value);
          expect(parsed.success, `${name} ${variable}: ${parsed.error?.issues[0]?.message}`).to.equal(true);
        }
      }
    });

    it('runs no process the image lacks', () => {
      expect(unknown).to.deep.equal([]);
    });

    it('has Prometheus scrape every Chartline container', () => {
      const services = [...chartline, ...workloads.map((w) => ({ name: w.name, service: compose.services[w.name]! }))];
      for (const { name, service } of services) {
        expect(prometheus, name).to.include(`${name}:${service.environment?.['PORT']}`);
      }
    });
  });
}
