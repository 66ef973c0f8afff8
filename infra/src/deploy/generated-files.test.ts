import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ModuleDeclaration, moduleManifest, projectedModuleNames } from '@chartline/events';
import { expect } from 'chai';
import { parse } from 'yaml';
import { deployDir, planDeployFiles, staleDeployFiles, writeDeployFiles } from './generate.js';
import { BEGIN, configuredPartitions, END, generatedK8sFiles, regions, withRegion } from './generated-files.js';
import { moduleWorkloads } from './workloads.js';

const lab: ModuleDeclaration = {
  commands: true,
  projection: true,
  reads: true,
  processManagers: [],
  aggregates: ['labOrder'],
};
/** The real manifest plus a module with a projector and one with a process manager reading two topics. */
const grown: Readonly<Record<string, ModuleDeclaration>> = {
  ...moduleManifest,
  lab,
  billing: {
    ...lab,
    projection: false,
    processManagers: [{ name: 'charge-capture', consumes: ['admissions', 'lab'] }],
  },
};

describe('generated deploy files (npm run generate)', () => {
  it('are up to date with the module manifest (else run `npm run generate`)', () => {
    expect(staleDeployFiles(), 'stale: run `npm run generate`').to.deep.equal([]);
  });

  it('run one projector per module with read models, named after it', () => {
    const projectors = moduleWorkloads().filter((w) => w.kind === 'projector');
    expect(projectors.map((w) => w.module).sort()).to.deep.equal([...projectedModuleNames].sort());
    const patients = projectors.find((w) => w.module === 'patients');
    expect(patients).to.deep.include({
      name: 'projector-patients',
      consumerGroup: 'chartline.projector.patients',
      topics: ['chartline.patients.events.v1'],
      env: { PROJECTOR_MODULE: 'patients' },
    });
  });

  it('give a module added to the manifest its projector folder, its compose service and its scrape target', () => {
    const workloads = moduleWorkloads(grown);
    const files = generatedK8sFiles(workloads);
    expect([...files.keys()]).to.include.members([
      'k8s/base/projectors/lab/kustomization.yaml',
      'k8s/base/projectors/lab/deployment.yaml',
      'k8s/base/projectors/lab/scaled-object.yaml',
    ]);
    expect(files.get('k8s/base/projectors/kustomization.yaml')).to.match(/^ {2}- lab$/m);
    expect(files.get('k8s/base/projectors/lab/deployment.yaml')).to.match(/- name: PROJECTOR_MODULE\n\s+value: lab\n/);
    expect(files.get('k8s/base/projectors/lab/scaled-object.yaml'))
      .to.include('value: chartline.projector.lab\n')
      .and.include('value: chartline.lab.events.v1\n');

    const compose = parse(withRegion(read('compose.yaml'), regions.compose, workloads), { merge: true }) as {
      services: Record<string, { command: string[]; environment: Record<string, string> }>;
    };
    const service = compose.services['projector-lab'];
    expect(service?.command).to.deep.equal(['node', 'dist/projector.mjs']);
    expect(service?.environment).to.include({
      PROJECTOR_MODULE: 'lab',
      OTEL_SERVICE_NAME: 'projector-lab',
      KAFKA_BROKERS: 'kafka:9092',
    });
    expect(withRegion(read('prometheus/prometheus.yml'), regions.prometheus, workloads)).to.include(
      '"projector-lab:9465"',
    );
  });

  it('give a process manager its Deployment folder, one KEDA trigger per consumed topic, a compose service and a target', () => {
    const workloads = moduleWorkloads(grown);
    const pm = workloads.find((w) => w.kind === 'process-manager' && w.module === 'billing');
    expect(pm).to.deep.equal({
      kind: 'process-manager',
      name: 'process-manager-billing-charge-capture',
      module: 'billing',
      processManager: 'charge-capture',
      consumerGroup: 'chartline.process-manager.billing.charge-capture',
      topics: ['chartline.admissions.events.v1', 'chartline.lab.events.v1'],
      env: { PROCESS_MANAGER: 'billing.charge-capture' },
    });
    const files = generatedK8sFiles(workloads);
    expect(files.get('k8s/base/process-managers/kustomization.yaml')).to.match(/^ {2}- billing-charge-capture$/m);
    const patch = files.get('k8s/base/process-managers/billing-charge-capture/scaled-object.yaml')!;
    expect(parse(patch)).to.deep.equal([
      { op: 'replace', path: '/spec/scaleTargetRef/name', value: 'process-manager-billing-charge-capture' },
      { op: 'replace', path: '/spec/maxReplicaCount', value: 12 },
      {
        op: 'replace',
        path: '/spec/triggers/0/metadata/consumerGroup',
        value: 'chartline.process-manager.billing.charge-capture',
      },
      { op: 'replace', path: '/spec/triggers/0/metadata/topic', value: 'chartline.admissions.events.v1' },
      { op: 'copy', from: '/spec/triggers/0', path: '/spec/triggers/-' },
      { op: 'replace', path: '/spec/triggers/1/metadata/topic', value: 'chartline.lab.events.v1' },
    ]);
    const compose = parse(withRegion(read('compose.yaml'), regions.compose, workloads), { merge: true }) as {
      services: Record<string, { command: string[]; environment: Record<string, string> }>;
    };
    const service = compose.services['process-manager-billing-charge-capture'];
    expect(service?.command).to.deep.equal(['node', 'dist/process-manager.mjs']);
    expect(service?.environment).to.include({ PROCESS_MANAGER: 'billing.charge-capture' });
    expect(service?.environment['EVENT_STORE_URL']).to.be.a('string');
    const prometheus = parse(withRegion(read('prometheus/prometheus.yml'), regions.prometheus, workloads)) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const job = prometheus.scrape_configs.find((j) => j.job_name === 'chartline-process-manager');
    expect(job?.static_configs[0]?.targets).to.include('process-manager-billing-charge-capture:9466');
  });

  it('list no process manager, and no scrape job for them, while the manifest declares none', () => {
    const none = Object.fromEntries(
      Object.entries(moduleManifest).map(([m, d]) => [m, { ...d, processManagers: [] }]),
    ) as Readonly<Record<string, ModuleDeclaration>>;
    const workloads = moduleWorkloads(none);
    expect(workloads.filter((w) => w.kind === 'process-manager')).to.deep.equal([]);
    expect(generatedK8sFiles(workloads).get('k8s/base/process-managers/kustomization.yaml')).to.match(
      /^resources: \[\]$/m,
    );
    expect(withRegion(read('prometheus/prometheus.yml'), regions.prometheus, workloads)).to.not.include(
      'chartline-process-manager',
    );
    const compose = parse(withRegion(read('compose.yaml'), regions.compose, workloads), { merge: true }) as {
      services: Record<string, unknown>;
    };
    expect(Object.keys(compose.services).filter((s) => s.startsWith('process-manager'))).to.deep.equal([]);
  });

  it('refuse a process manager consuming a module the manifest does not have', () => {
    const bad = { ...moduleManifest, billing: { ...lab, processManagers: [{ name: 'capture', consumes: ['labs'] }] } };
    expect(() => moduleWorkloads(bad)).to.throw('process manager billing.capture consumes labs, which is not a module');
  });

  it('refuse a name Kubernetes cannot take', () => {
    const long = 'x'.repeat(60);
    const bad = { ...moduleManifest, billing: { ...lab, processManagers: [{ name: long, consumes: ['patients'] }] } };
    expect(() => moduleWorkloads(bad)).to.throw(`process-manager-billing-${long} is not a Kubernetes name`);
    const upper = { ...moduleManifest, billing: { ...lab, processManagers: [{ name: 'Capture', consumes: [] }] } };
    expect(() => moduleWorkloads(upper)).to.throw('is not a Kubernetes name');
  });

  it('rewrite only the marked region of a hand-written file, and refuse a file whose markers are missing or doubled', () => {
    const region = regions.prometheus;
    const text = `before: 1\n  ${BEGIN}\n  - stale\n  ${END}\nafter: 2\n`;
    const rewritten = withRegion(text, region, moduleWorkloads());
    expect(rewritten.startsWith(`before: 1\n  ${BEGIN}\n  - job_name: chartline-projector\n`)).to.equal(true);
    expect(rewritten.endsWith(`  ${END}\nafter: 2\n`)).to.equal(true);
    expect(rewritten).to.not.include('stale');
    expect(withRegion(rewritten, region, moduleWorkloads()), 'a second run changes nothing').to.equal(rewritten);

    const message = `${region.file}: needs exactly one`;
    expect(() => withRegion('after: 2\n', region, [])).to.throw(message);
    expect(() => withRegion(`${BEGIN}\n${END}\n${BEGIN}\n${END}\n`, region, [])).to.throw(message);
    expect(() => withRegion(`${END}\n${BEGIN}\n`, region, [])).to.throw(message);
  });

  describe('on a copy of infra/deploy', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'chartline-deploy-'));
      cpSync(deployDir, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('write what is stale, remove the folder of a module the manifest no longer has, then find nothing stale', () => {
      mkdirSync(join(dir, 'k8s/base/projectors/radiology'));
      writeFileSync(join(dir, 'k8s/base/projectors/radiology/kustomization.yaml'), 'kind: Kustomization\n');
      writeFileSync(join(dir, 'k8s/base/projectors/patients/deployment.yaml'), 'edited by hand\n');
      const plan = planDeployFiles(dir, moduleWorkloads(grown));
      expect(staleDeployFiles(dir, plan)).to.include.members([
        'k8s/base/projectors/patients/deployment.yaml',
        'k8s/base/projectors/lab/kustomization.yaml',
        'compose.yaml',
        'k8s/base/projectors/radiology',
      ]);
      expect(staleDeployFiles(dir, plan)).to.not.include('k8s/base/projectors/admissions/deployment.yaml');

      writeDeployFiles(dir, plan);
      expect(existsSync(join(dir, 'k8s/base/projectors/radiology'))).to.equal(false);
      expect(existsSync(join(dir, 'k8s/base/projectors/template/deployment.yaml')), 'the template stays').to.equal(
        true,
      );
      expect(readFileSync(join(dir, 'k8s/base/projectors/patients/deployment.yaml'), 'utf8')).to.include(
        'value: patients',
      );
      expect(staleDeployFiles(dir, planDeployFiles(dir, moduleWorkloads(grown)))).to.deep.equal([]);
    });

    it('set every ScaledObject’s maxReplicaCount to the config map’s KAFKA_PARTITIONS, and go stale when it changes', () => {
      const base = join(dir, 'k8s/base/kustomization.yaml');
      const partitionsNow = configuredPartitions(readFileSync(base, 'utf8'));
      for (const [path, content] of planDeployFiles(dir).files) {
        if (!path.endsWith('scaled-object.yaml')) continue;
        expect(content, path).to.include(`path: /spec/maxReplicaCount\n  value: ${partitionsNow}\n`);
      }
      writeFileSync(
        base,
        readFileSync(base, 'utf8').replace(`KAFKA_PARTITIONS=${partitionsNow}`, 'KAFKA_PARTITIONS=24'),
      );
      const stale = staleDeployFiles(dir);
      expect(stale).to.include.members(
        moduleWorkloads()
          .filter((w) => w.kind === 'projector')
          .map((w) => `k8s/base/projectors/${w.module}/scaled-object.yaml`),
      );
      writeDeployFiles(dir);
      expect(readFileSync(join(dir, 'k8s/base/projectors/patients/scaled-object.yaml'), 'utf8')).to.include(
        'path: /spec/maxReplicaCount\n  value: 24\n',
      );
    });

    it('refuse a base kustomization without one KAFKA_PARTITIONS literal, naming it', () => {
      expect(() => configuredPartitions('configMapGenerator: []\n')).to.throw('KAFKA_PARTITIONS');
      expect(() => configuredPartitions('  - KAFKA_PARTITIONS=3\n  - KAFKA_PARTITIONS=4\n')).to.throw(
        'k8s/base/kustomization.yaml',
      );
      expect(configuredPartitions('      - KAFKA_PARTITIONS=12\n')).to.equal(12);
    });
  });
});

function read(path: string): string {
  return readFileSync(join(deployDir, path), 'utf8');
}
