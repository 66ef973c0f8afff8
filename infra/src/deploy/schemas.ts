import * as keda from '@kubernetes-models/keda';
import * as k8s from 'kubernetes-models';

/** A model class of kubernetes-models: validate() throws with the JSON path of what is wrong. */
interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: object): { validate(): void };
}

function isModelClass(value: unknown): value is ModelClass {
  if (typeof value !== 'function') return false;
  const c = value as unknown as Record<string, unknown>;
  const proto = (value as { prototype?: Record<string, unknown> }).prototype;
  return (
    typeof c['apiVersion'] === 'string' && typeof c['kind'] === 'string' && typeof proto?.['validate'] === 'function'
  );
}

/** Every model of Kubernetes' and KEDA's APIs, by "apiVersion/kind". */
function collect(into: Map<string, ModelClass>, namespace: unknown, depth = 0): Map<string, ModelClass> {
  if (depth > 4 || typeof namespace !== 'object' || namespace === null) return into;
  for (const value of Object.values(namespace)) {
    if (isModelClass(value)) into.set(`${value.apiVersion}/${value.kind}`, value);
    else collect(into, value, depth + 1);
  }
  return into;
}

const models = collect(collect(new Map(), k8s), keda);

/**
 * Validates an object against the OpenAPI schema of its apiVersion and kind. An object of an API
 * neither package knows is an error too: a typo in apiVersion must not pass unchecked.
 */
export function validateObject(object: { apiVersion: string; kind: string }): void {
  const Model = models.get(`${object.apiVersion}/${object.kind}`);
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}
