// The manifest and naming alone, not the package index: the generator must run while a module's
// registries are still being written (npm run new-module), so it loads no module code.
import { type ModuleDeclaration, moduleManifest } from '@chartline/events/manifest';
import { topicFor } from '@chartline/events/naming';

/**
 * The per-module processes the deploy files run, derived from the module manifest: one projector
 * per module with read models, one process manager per declared process manager. Everything the
 * generated Kubernetes, compose and Prometheus files say about a module comes from here, so they
 * cannot disagree with each other or with the manifest.
 */
export interface ModuleWorkload {
  readonly kind: 'projector' | 'process-manager';
  /** Deployment, compose service and scrape target name: `projector-<module>`, `process-manager-<module>-<name>`. */
  readonly name: string;
  readonly module: string;
  /** The process manager's own name within its module; absent for a projector. */
  readonly processManager?: string;
  /** Kafka consumer group whose lag KEDA scales it on. */
  readonly consumerGroup: string;
  /** Topics it consumes: its module's for a projector, the listed modules' for a process manager. */
  readonly topics: readonly string[];
  /** The literal, per-workload environment: which module or process manager the process runs. */
  readonly env: Readonly<Record<string, string>>;
}

/** Its process (the image's `dist/<process>.mjs`) and the template folder its manifests derive from. */
export const workloadProcess = { projector: 'projector', 'process-manager': 'process-manager' } as const;

/** A process manager is named `<module>.<name>` wherever one string must say which it is. */
export const processManagerId = (module: string, name: string) => `${module}.${name}`;

/** Kubernetes object names are DNS labels: at most 63 characters of [a-z0-9-]. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function moduleWorkloads(
  manifest: Readonly<Record<string, ModuleDeclaration>> = moduleManifest,
): ModuleWorkload[] {
  const workloads: ModuleWorkload[] = [];
  for (const [module, declaration] of Object.entries(manifest)) {
    if (declaration.projection) {
      workloads.push({
        kind: 'projector',
        name: `projector-${module}`,
        module,
        consumerGroup: `chartline.projector.${module}`,
        topics: [topicFor(module)],
        env: { PROJECTOR_MODULE: module },
      });
    }
    for (const pm of declaration.processManagers) {
      const id = processManagerId(module, pm.name);
      workloads.push({
        kind: 'process-manager',
        name: `process-manager-${module}-${pm.name}`,
        module,
        processManager: pm.name,
        consumerGroup: `chartline.process-manager.${id}`,
        topics: pm.consumes.map((consumed) => {
          if (!Object.hasOwn(manifest, consumed))
            throw new Error(`process manager ${id} consumes ${consumed}, which is not a module of the manifest`);
          return topicFor(consumed);
        }),
        env: { PROCESS_MANAGER: id },
      });
    }
  }
  for (const w of workloads) {
    if (!DNS_LABEL.test(w.name)) throw new Error(`${w.name} is not a Kubernetes name (a DNS label of [a-z0-9-])`);
  }
  return workloads;
}
