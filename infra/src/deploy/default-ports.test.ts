import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_PORTS } from '../config/default-ports.js';
import { consoleEnv, processEnvs } from '../config/processes.js';

const deployDir = fileURLToPath(new URL('../../deploy/', import.meta.url));
const read = (path: string) => readFileSync(`${deployDir}${path}`, 'utf8');

type Container = { ports?: { containerPort: number }[]; env?: { name: string; value?: string }[] };

/** The Deployment's first container in a Kubernetes file: its declared port and its PORT. */
function deploymentPorts(path: string): { containerPort: number | undefined; env: string | undefined } {
  const deployment = parseAllDocuments(read(path))
    .map((d) => d.toJS() as { kind?: string; spec?: { template: { spec: { containers: Container[] } } } })
    .find((d) => d?.kind === 'Deployment');
  const container = deployment?.spec?.template.spec.containers[0];
  return {
    containerPort: container?.ports?.[0]?.containerPort,
    env: container?.env?.find((e) => e.name === 'PORT')?.value,
  };
}

describe('default ports: one per kind of process, the same in the schemas and the deploy files', () => {
  it('gives the relay, projectors and process managers each their own port (issue 22 item 19)', () => {
    expect(new Set(Object.values(DEFAULT_PORTS)).size).to.equal(Object.keys(DEFAULT_PORTS).length);
    for (const [process, schema] of Object.entries({ ...processEnvs, console: consoleEnv })) {
      expect(schema.shape.PORT.parse(undefined), process).to.equal(
        DEFAULT_PORTS[process as keyof typeof DEFAULT_PORTS],
      );
    }
  });

  it('the Kubernetes Deployments and templates listen where the process does by default', () => {
    const files = {
      'command-api': 'k8s/base/command-api.yaml',
      'read-api': 'k8s/base/read-api.yaml',
      relay: 'k8s/base/relay.yaml',
      projector: 'k8s/base/projectors/template/deployment.yaml',
      'process-manager': 'k8s/base/process-managers/template/deployment.yaml',
      console: 'k8s/base/console.yaml',
    } as const;
    for (const [process, file] of Object.entries(files)) {
      const port = DEFAULT_PORTS[process as keyof typeof files];
      expect(deploymentPorts(file), file).to.deep.equal({ containerPort: port, env: String(port) });
    }
  });

  it('compose runs each kind on its port, the image exposes them all, Prometheus scrapes them there', () => {
    const compose = read('compose.yaml');
    expect(compose).to.match(new RegExp(`x-projector: &projector[\\s\\S]*?PORT: "${DEFAULT_PORTS.projector}"`));
    expect(compose).to.match(
      new RegExp(`x-process-manager: &process-manager[\\s\\S]*?PORT: "${DEFAULT_PORTS['process-manager']}"`),
    );
    expect(compose).to.match(new RegExp(`  relay:[\\s\\S]*?PORT: "${DEFAULT_PORTS.relay}"`));
    const expose = /^EXPOSE (.*)$/m.exec(read('Dockerfile'))?.[1]?.split(' ').map(Number);
    expect(expose).to.have.members(Object.values(DEFAULT_PORTS));
    const prometheus = read('prometheus/prometheus.yml');
    expect(prometheus).to.include(`relay:${DEFAULT_PORTS.relay}`);
    expect(prometheus).to.match(new RegExp(`"projector-[a-z]+:${DEFAULT_PORTS.projector}"`));
    expect(prometheus).to.match(new RegExp(`"process-manager-[a-z-]+:${DEFAULT_PORTS['process-manager']}"`));
    expect(prometheus).not.to.match(/"(projector|process-manager)-[a-z-]+:9464"/);
  });
});
