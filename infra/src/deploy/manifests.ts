import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { moduleEvents } from '@chartline/events';
import { parseAllDocuments } from 'yaml';
import { run } from './tools.js';

/** The Kubernetes manifests live beside the code they deploy, under infra/deploy/k8s. */
export const k8sDir = fileURLToPath(new URL('../../deploy/k8s/', import.meta.url));
export const overlays = ['dev', 'prod'] as const;

/** The fields of a rendered object the checks read; everything else stays `unknown`. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: unknown;
  data?: Record<string, string>;
  [field: string]: unknown;
}

export function renderOverlay(kubectl: string, overlay: string): K8sObject[] {
  const text = run(kubectl, ['kustomize', `${k8sDir}overlays/${overlay}`]);
  return parseManifests(text);
}

export function parseManifests(text: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`unparsable YAML: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isK8sObject(value)) throw new Error(`not a Kubernetes object: ${JSON.stringify(value).slice(0, 200)}`);
    objects.push(value);
  }
  return objects;
}

function isK8sObject(value: unknown): value is K8sObject {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  const metadata = o['metadata'] as Record<string, unknown> | undefined;
  return typeof o['apiVersion'] === 'string' && typeof o['kind'] === 'string' && typeof metadata?.['name'] === 'string';
}

/**
 * Modules of the event catalogue that have read models: projections/src/<module>/projection.ts
 * exists (the shape every module follows). Read from the tree, not imported, since infra may not depend on
 * projections. Each needs a projector Deployment; a module without read models (audit) does not.
 */
export function projectedModules(): string[] {
  const root = fileURLToPath(new URL('../../../projections/src/', import.meta.url));
  return Object.keys(moduleEvents)
    .filter((module) => existsSync(`${root}${module}/projection.ts`))
    .sort();
}
