import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import type { z } from 'zod';
import { processEnvs } from '../config/processes.js';
import { projectedModules } from './manifests.js';

const deployDir = fileURLToPath(new URL('../../deploy/', import.meta.url));

interface ComposeService {
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, unknown> | string[];
}

/** `${NAME:-default}` → default: what the laptop stack runs with when the shell sets nothing. */
const interpolated = (value: string | number) => String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

describe('laptop stack (compose.yaml)', () => {
  const compose = parse(readFileSync(`${deployDir}compose.yaml`, 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const chartline = Object.entries(compose.services).flatMap(([name, service]) => {
    const script = service.command?.find((part) => part.startsWith('dist/'));
    const process = script?.slice('dist/'.length, -'.mjs'.length);
    return process && process in processEnvs ? [{ name, service, process: process as keyof typeof processEnvs }] : [];
  });

  it('runs every process, and one projector per module with read models', () => {
    expect(new Set(chartline.map((c) => c.process))).to.deep.equal(new Set(Object.keys(processEnvs)));
    const modules = chartline
      .filter((c) => c.process === 'projector')
      .map((c) => c.service.environment?.['PROJECTOR_MODULE']);
    expect(modules.sort()).to.deep.equal(projectedModules());
  });

  it('gives every process each variable it reads, with a value its schema accepts', () => {
    for (const { name, service, process } of chartline) {
      const schema: z.ZodObject = processEnvs[process];
      const env = service.environment ?? {};
      expect(Object.keys(env), name).to.include.members(Object.keys(schema.shape));
      for (const [variable, raw] of Object.entries(env)) {
        const field = schema.shape[variable] as z.ZodType | undefined;
        const value = interpolated(raw);
        // An empty value is unset (readEnv): only the either/or JWT variables may be left so here.
        if (value === '')
          expect(['JWT_JWKS_URL', 'JWT_PUBLIC_KEY'], `${name} ${variable} is empty`).to.include(variable);
        if (!field || value === '') continue;
        const parsed = field.safeParse(value);
        expect(parsed.success, `${name} ${variable}: ${parsed.error?.issues[0]?.message}`).to.equal(true);
      }
    }
  });

  it('has Prometheus scrape every Chartline container', () => {
    const prometheus = readFileSync(`${deployDir}prometheus/prometheus.yml`, 'utf8');
    for (const { name, service } of chartline) {
      expect(prometheus, name).to.include(`${name}:${service.environment?.['PORT']}`);
    }
  });
});
