import { fileURLToPath } from 'node:url';
import { projectedModuleNames } from '@chartline/events';
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

export function renderOverlay(kubectl: string, overlay: string, dir: string = k8sDir): K8sObject[] {
  const text = run(kubectl, ['kustomize', `${dir}overlays/${overlay}`]);
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

/** Modules with read models, from the module manifest: each needs a projector Deployment. */
export function projectedModules(): string[] {
  return [...projectedModuleNames].sort();
}
