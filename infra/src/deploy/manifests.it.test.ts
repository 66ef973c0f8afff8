import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ModuleDeclaration, moduleManifest } from '@chartline/events';
import { expect } from 'chai';
import type { z } from 'zod';
import { consoleEnv, processEnvs } from '../config/processes.js';
import { deployDir, planDeployFiles, writeDeployFiles } from './generate.js';
import { type K8sObject, overlays, projectedModules, renderOverlay } from './manifests.js';
import { type Container, type DeploymentSpec, type EnvVar, processOf, selects } from './pod-spec.js';
import { validateObject } from './schemas.js';
import { requireTool } from './tools.js';
import { moduleWorkloads, workloadProcess } from './workloads.js';

/** Every entrypoint a Deployment may run: the back-end processes and the web console's server. */
const entrypointEnvs = { ...processEnvs, console: consoleEnv } as const;
type ProcessName = keyof typeof entrypointEnvs;
const isProcess = (name: string | undefined): name is ProcessName => name !== undefined && name in entrypointEnvs;

/** Variables whose value is a secret or may carry credentials: only ever a secretKeyRef. */
function secretVariables(schema: z.ZodObject): Set<string> {
  const credentialUrls = ['EVENT_STORE_URL', 'KEY_STORE_URL', 'MONGODB_URL', 'REDIS_URL'];
  const secret = new Set(credentialUrls.filter((name) => name in schema.shape));
  for (const [name, field] of Object.entries(schema.shape)) {
    if ((field as z.ZodType).description?.startsWith('Secret.')) secret.add(name);
  }
  return secret;
}

const PARTITIONS_VAR = 'KAFKA_PARTITIONS';

const lab: ModuleDeclaration = {
  commands: true,
  projection: true,
  reads: true,
  processManagers: [],
  aggregates: ['lab'],
};
/**
 * The manifest as it will grow: a module with read models and one with a process manager reading
 * two topics. Rendered from a copy of infra/deploy regenerated for it, so the process-manager
 * template is checked before any module declares one.
 */
const grown: Readonly<Record<string, ModuleDeclaration>> = {
  ...moduleManifest,
  lab,
  billing: {
    ...lab,
    projection: false,
    processManagers: [{ name: 'charge-capture', consumes: ['admissions', 'lab'] }],
  },
};

interface Rendering {
  readonly label: string;
  readonly overlay: (typeof overlays)[number];
  readonly manifest: Readonly<Record<string, ModuleDeclaration>>;
}
const renderings: Rendering[] = [
  ...overlays.map((overlay) => ({ label: `overlay ${overlay}`, overlay, manifest: moduleManifest })),
  {
    label: 'overlay prod, regenerated for a manifest with a new module and a process manager',
    overlay: 'prod',
    manifest: grown,
  },
];

/** Renders the overlay; for another manifest than the real one, from a regenerated copy of infra/deploy. */
function render(kubectl: string, { overlay, manifest }: Rendering): K8sObject[] {
  if (manifest === moduleManifest) return renderOverlay(kubectl, overlay);
  const dir = mkdtempSync(join(tmpdir(), 'chartline-k8s-'));
  try {
    cpSync(deployDir, dir, { recursive: true });
    writeDeployFiles(dir, planDeployFiles(dir, moduleWorkloads(manifest)));
    return renderOverlay(kubectl, overlay, join(dir, 'k8s/'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Kubernetes manifests (kubectl kustomize, Kubernetes and KEDA schemas)', () => {
  let kubectl: string;
  before(function () {
    kubectl = requireTool(this, 'kubectl', 'KUBECTL', 'kubernetes-client');
  });

  for (const rendering of renderings) {
    const { overlay } = rendering;
    const workloads = moduleWorkloads(rendering.manifest);
    describe(rendering.label, () => {
      let objects: K8sObject[];
      let config: Record<string, string>;
      const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
      const deployments = () =>
        ofKind('Deployment').map((d) => ({ name: d.metadata.name, d, spec: d.spec as DeploymentSpec }));
      const containerOf = (spec: DeploymentSpec): Container => {
        expect(spec.template.spec.containers, 'one container per pod').to.have.length(1);
        return spec.template.spec.containers[0]!;
      };
      const envOf = (c: Container) => new Map((c.env ?? []).map((e) => [e.name, e] as const));

      before(() => {
        objects = render(kubectl, rendering);
        const maps = ofKind('ConfigMap').filter((m) => m.metadata.name === 'chartline-config');
        expect(maps, 'one chartline-config ConfigMap').to.have.length(1);
        config = maps[0]!.data ?? {};
      });

      it('renders objects that all pass their Kubernetes or KEDA schema', () => {
        expect(objects.length).to.be.greaterThan(10);
        for (const o of objects) {
          try {
            validateObject(o);
          } catch (error) {
            throw new Error(`${o.kind}/${o.metadata.name}: ${(error as Error).message}`);
          }
        }
      });

      it('puts every object in the overlay namespace and holds no Secret (secrets are created out of band)', () => {
        const namespaces = new Set(objects.map((o) => o.metadata.namespace));
        expect([...namespaces]).to.have.length(1);
        expect([...namespaces][0]).to.be.a('string');
        expect(ofKind('Secret')).to.deep.equal([]);
      });

      it('runs every process, one projector per module with read models and one Deployment per process manager', () => {
        const processes = deployments().map(({ spec }) => processOf(containerOf(spec)));
        for (const p of Object.keys(entrypointEnvs)) {
          // A per-module process runs only when some module has one.
          if (p in workloadProcess && !workloads.some((w) => w.kind === p)) continue;
          expect(processes, p).to.include(p);
        }
        const perModule = deployments().filter(({ spec }) => (processOf(containerOf(spec)) ?? '') in workloadProcess);
        expect(perModule.map((d) => d.name).sort()).to.deep.equal(workloads.map((w) => w.name).sort());
        for (const { name, spec } of perModule) {
          const env = envOf(containerOf(spec));
          const expected = { ...workloads.find((w) => w.name === name)?.env, OTEL_SERVICE_NAME: name };
          for (const [variable, value] of Object.entries(expected))
            expect(env.get(variable)?.value, name).to.equal(value);
        }
        if (rendering.manifest === moduleManifest) {
          const modules = perModule
            .filter(({ spec }) => processOf(containerOf(spec)) === 'projector')
            .map(({ spec }) => envOf(containerOf(spec)).get('PROJECTOR_MODULE')?.value);
          expect(modules.sort()).to.deep.equal(projectedModules());
        }
      });

      it('sets every variable each process reads, secrets only from Secret references', () => {
        for (const { name, spec } of deployments()) {
          const container = containerOf(spec);
          const process = processOf(container);
          if (!isProcess(process)) throw new Error(`${name}: command ${container.command} is no known process`);
          const schema: z.ZodObject = entrypointEnvs[process];
          const env = envOf(container);
          expect(container.envFrom, `${name}: env is listed by name so it can be checked`).to.equal(undefined);
          expect([...env.keys()], name).to.include.members(Object.keys(schema.shape));
          const secrets = secretVariables(schema);
          for (const variable of env.values()) {
            const where = `${name} ${variable.name}`;
            if (secrets.has(variable.name)) {
              expect(variable.value, `${where}: a secret never has a literal value`).to.equal(undefined);
              expect(variable.valueFrom?.secretKeyRef?.name, `${where}: from a Secret`).to.be.a('string');
              expect(variable.valueFrom?.secretKeyRef?.optional, where).to.not.equal(true);
              continue;
            }
            const value = resolve(variable, config, where);
            const field = schema.shape[variable.name] as z.ZodType | undefined;
            if (field && value !== undefined) {
              const parsed = field.safeParse(value);
              expect(parsed.success, `${where}=${value}: ${parsed.error?.issues[0]?.message}`).to.equal(true);
            }
          }
        }
      });

      it('probes /healthz (liveness) and /readyz (readiness) on the port PORT names', () => {
        for (const { name, spec } of deployments()) {
          const c = containerOf(spec);
          const port = Number(envOf(c).get('PORT')?.value);
          const named = new Map((c.ports ?? []).map((p) => [p.name, p.containerPort] as const));
          const portOf = (p: number | string | undefined) => (typeof p === 'string' ? named.get(p) : p);
          expect(c.livenessProbe?.httpGet?.path, name).to.equal('/healthz');
          expect(c.readinessProbe?.httpGet?.path, name).to.equal('/readyz');
          expect(portOf(c.livenessProbe?.httpGet?.port), name).to.equal(port);
          expect(portOf(c.readinessProbe?.httpGet?.port), name).to.equal(port);
        }
      });

      it('gives every container requests and limits, and runs it non-root, read-only, without privileges', () => {
        for (const { name, spec } of deployments()) {
          const pod = spec.template.spec;
          const c = containerOf(spec);
          for (const r of ['cpu', 'memory']) {
            expect(c.resources?.requests?.[r], `${name} request ${r}`).to.be.a('string');
            expect(c.resources?.limits?.[r], `${name} limit ${r}`).to.be.a('string');
          }
          expect(pod.securityContext?.runAsNonRoot, name).to.equal(true);
          expect(pod.securityContext?.runAsUser, name).to.equal(10001);
          expect(pod.securityContext?.seccompProfile?.type, name).to.equal('RuntimeDefault');
          expect(c.securityContext?.allowPrivilegeEscalation, name).to.equal(false);
          expect(c.securityContext?.readOnlyRootFilesystem, name).to.equal(true);
          expect(c.securityContext?.capabilities?.drop, name).to.deep.equal(['ALL']);
          expect(c.securityContext?.capabilities?.add, name).to.equal(undefined);
          const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
          expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir, `${name}: /tmp is an emptyDir`).to.be.an(
            'object',
          );
        }
      });

      it('covers every Deployment with a PodDisruptionBudget', () => {
        const budgets = ofKind('PodDisruptionBudget').map(
          (p) => p.spec as { selector: { matchLabels: Record<string, string> } },
        );
        for (const { name, spec } of deployments()) {
          const labels = spec.template.metadata?.labels;
          expect(
            budgets.filter((b) => selects(b.selector.matchLabels, labels)),
            name,
          ).to.have.length(1);
        }
      });

      it('scales the two APIs on CPU at 50%, between bounds that leave production at least two', () => {
        const hpas = ofKind('HorizontalPodAutoscaler').map((h) => ({
          name: h.metadata.name,
          spec: h.spec as {
            scaleTargetRef: { kind: string; name: string };
            minReplicas: number;
            maxReplicas: number;
            metrics: { resource?: { name: string; target: { averageUtilization?: number } } }[];
          },
        }));
        const apis = deployments().filter(({ spec }) =>
          ['command-api', 'read-api', 'console'].includes(processOf(containerOf(spec)) ?? ''),
        );
        expect(apis).to.have.length(3);
        for (const api of apis) {
          const [hpa, ...others] = hpas.filter(
            (h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === api.name,
          );
          expect(others, api.name).to.deep.equal([]);
          expect(hpa, `${api.name} has an HPA`).to.not.equal(undefined);
          expect(hpa!.spec.metrics.map((m) => [m.resource?.name, m.resource?.target.averageUtilization])).to.deep.equal(
            [['cpu', 50]],
          );
          expect(hpa!.spec.minReplicas).to.be.at.least(1).and.at.most(hpa!.spec.maxReplicas);
          if (overlay === 'prod')
            expect([hpa!.spec.minReplicas, hpa!.spec.maxReplicas], api.name).to.deep.equal(
              api.name === 'console' ? [2, 4] : [2, 10],
            );
        }
        const targets = hpas.map((h) => h.spec.scaleTargetRef.name);
        for (const t of targets)
          expect(
            deployments().map((d) => d.name),
            `HPA target ${t} exists`,
          ).to.include(t);
      });

      it('scales each projector and process manager on its own consumer group lag, up to one pod per partition', () => {
        const scaled = ofKind('ScaledObject').map((s) => s.spec as ScaledObjectSpec);
        expect(scaled).to.have.length(workloads.length);
        for (const w of workloads) {
          const deployment = deployments().find((d) => d.name === w.name);
          expect(deployment, `${w.name} is deployed`).to.not.equal(undefined);
          const [so, ...others] = scaled.filter((s) => s.scaleTargetRef.name === w.name);
          expect(others, w.name).to.deep.equal([]);
          expect(so, `${w.name} has a ScaledObject`).to.not.equal(undefined);
          expect(so!.maxReplicaCount, 'max replicas = partitions').to.equal(Number(config[PARTITIONS_VAR]));
          expect(
            so!.advanced?.horizontalPodAutoscalerConfig?.behavior?.scaleDown?.stabilizationWindowSeconds,
          ).to.be.greaterThan(0);
          expect(
            so!.triggers.map((t) => t.metadata.topic),
            `${w.name}: one trigger per topic`,
          ).to.deep.equal(w.topics);
          for (const trigger of so!.triggers) {
            expect(trigger.type).to.equal('kafka');
            expect(trigger.metadata.consumerGroup).to.equal(w.consumerGroup);
            expect(trigger.metadata.bootstrapServers, 'KEDA watches the brokers the pods use').to.equal(
              config['KAFKA_BROKERS'],
            );
            expect(Number(trigger.metadata.lagThreshold)).to.be.a('number').and.greaterThan(0);
          }
          expect(replicasSetBy(deployment!.spec), `${w.name}: replicas are KEDA's`).to.equal(undefined);
        }
      });

      it('runs the relay as a single instance that stops before its successor starts', () => {
        const relays = deployments().filter(({ spec }) => processOf(containerOf(spec)) === 'relay');
        expect(relays).to.have.length(1);
        const relay = relays[0]!;
        expect(relay.spec.replicas).to.equal(1);
        expect(relay.spec.strategy?.type).to.equal('Recreate');
        const scalers = [...ofKind('HorizontalPodAutoscaler'), ...ofKind('ScaledObject')];
        const targets = scalers.map((s) => (s.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name);
        expect(targets, 'nothing scales the relay').to.not.include(relay.name);
      });

      it('routes the Ingress to the API and console Services, and each Service to a Deployment', () => {
        const services = ofKind('Service');
        for (const s of services) {
          const selector = (s.spec as { selector: Record<string, string> }).selector;
          const backing = deployments().filter(({ spec }) => selects(selector, spec.template.metadata?.labels));
          expect(backing, `Service ${s.metadata.name}`).to.have.length(1);
        }
        const backends = ofKind('Ingress').flatMap((i) =>
          (i.spec as { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] }).rules.flatMap(
            (r) => r.http.paths.map((p) => p.backend.service.name),
          ),
        );
        expect([...new Set(backends)].sort()).to.deep.equal(['command-api', 'console', 'read-api']);
        expect(services.map((s) => s.metadata.name).sort()).to.deep.equal(['command-api', 'console', 'read-api']);
      });

      it('denies all ingress by default and lets in only the ingress controller and monitoring namespaces, and the console to the APIs', () => {
        const policies = ofKind('NetworkPolicy').map((p) => ({
          name: p.metadata.name,
          spec: p.spec as NetworkPolicySpec,
        }));
        const denyAll = policies.filter(
          (p) =>
            Object.keys(p.spec.podSelector).length === 0 && p.spec.policyTypes.includes('Ingress') && !p.spec.ingress,
        );
        expect(denyAll, 'a default-deny policy').to.have.length(1);
        for (const p of policies) {
          for (const rule of p.spec.ingress ?? []) {
            expect(rule.from, `${p.name}: a rule with no 'from' admits everyone`).to.be.an('array').that.is.not.empty;
            for (const peer of rule.from ?? []) {
              expect(peer.ipBlock, p.name).to.equal(undefined);
              // Within the namespace, only the console's pods, and only to the APIs (its /api proxy).
              if (peer.podSelector) {
                expect(peer.podSelector.matchLabels?.['app.kubernetes.io/component'], p.name).to.equal('console');
                expect(peer.namespaceSelector, p.name).to.equal(undefined);
                expect((p.spec.podSelector as { matchExpressions?: unknown }).matchExpressions, p.name).to.deep.equal([
                  { key: 'app.kubernetes.io/component', operator: 'In', values: ['command-api', 'read-api'] },
                ]);
                continue;
              }
              const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
              expect(['ingress-nginx', 'monitoring'], `${p.name} admits ${JSON.stringify(peer)}`).to.include(ns);
            }
            expect(rule.ports, `${p.name}: names its ports`).to.be.an('array').that.is.not.empty;
          }
        }
      });
    });
  }
});

interface ScaledObjectSpec {
  scaleTargetRef: { name: string };
  maxReplicaCount?: number;
  advanced?: { horizontalPodAutoscalerConfig?: { behavior?: { scaleDown?: { stabilizationWindowSeconds?: number } } } };
  triggers: { type: string; metadata: Record<string, string> }[];
}

interface NetworkPolicySpec {
  podSelector: object;
  policyTypes: string[];
  ingress?: {
    from?: {
      namespaceSelector?: { matchLabels?: Record<string, string> };
      podSelector?: { matchLabels?: Record<string, string> };
      ipBlock?: unknown;
    }[];
    ports?: unknown[];
  }[];
}

const replicasSetBy = (spec: DeploymentSpec) => spec.replicas;

/** The value a variable will have, or undefined when it comes from a Secret or an absent optional key. */
function resolve(variable: EnvVar, config: Record<string, string>, where: string): string | undefined {
  if (variable.value !== undefined) return variable.value;
  const ref = variable.valueFrom?.configMapKeyRef;
  if (!ref) throw new Error(`${where}: neither a value, a ConfigMap key nor a Secret reference`);
  expect(ref.name, where).to.equal('chartline-config');
  const value = config[ref.key];
  if (value === undefined && !ref.optional)
    throw new Error(`${where}: ConfigMap chartline-config has no key ${ref.key}`);
  return value;
}
