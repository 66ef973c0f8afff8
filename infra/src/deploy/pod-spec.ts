/** The parts of a workload's pod template that the deployment checks read. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

export interface Probe {
  httpGet?: { path: string; port: number | string };
}

export interface Container {
  name: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: unknown[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface DeploymentSpec {
  replicas?: number;
  strategy?: { type?: string };
  selector: { matchLabels?: Record<string, string> };
  template: {
    metadata?: { labels?: Record<string, string> };
    spec: {
      securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
      containers: Container[];
      volumes?: { name: string; emptyDir?: object }[];
    };
  };
}

/** The image's four entrypoints: `node dist/<process>.mjs`. */
export function processOf(container: Container): string | undefined {
  const script = container.command?.find((part) => /^dist\/[a-z-]+\.mjs$/.test(part));
  return script?.slice('dist/'.length, -'.mjs'.length);
}

/** True when every label of `selector` is on `labels` (how a selector picks pods). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
