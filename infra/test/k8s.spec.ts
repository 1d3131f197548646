// The infra checks validate the shipped example environments with the real config schema. eslint.config.mjs
// has no depConstraint for type:infra yet; remove this directive when one allows scope:shared libs.
import { ConfigError, loadConfig } from '@bastion/config';
import { describe, expect, it } from 'vitest';
import { exists, readInfra, readYaml, readYamlDocuments, readmeConfigVariables } from './support';

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
};

const kustomization = readYaml('k8s/kustomization.yaml');
const resourceFiles = kustomization.resources as string[];
const manifests: Manifest[] = resourceFiles.flatMap((file) => readYamlDocuments<Manifest>('k8s', file));
const find = (kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the kustomization`);
  return found;
};
const deployments = manifests.filter((m) => m.kind === 'Deployment');
const api = find('Deployment', 'bastion-api');
const proxy = find('Deployment', 'bastion-proxy');
const configMap = find('ConfigMap', 'bastion-config');
const secret = find('Secret', 'bastion-secrets');
const readmeVariables = readmeConfigVariables();

const podSpec = (deployment: Manifest) => deployment.spec.template.spec;
const containersOf = (deployment: Manifest): any[] => podSpec(deployment).containers;
const initContainersOf = (deployment: Manifest): any[] => podSpec(deployment).initContainers ?? [];
const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('Kubernetes manifests', () => {
  it('the kustomization lists existing files, and every manifest carries apiVersion, kind and a name', () => {
    for (const file of resourceFiles) expect(exists('k8s', file), file).toBe(true);
    expect(kustomization.namespace).toBe('bastion');
    expect(find('Namespace', 'bastion')).toBeDefined();
    for (const manifest of manifests) {
      expect(manifest.apiVersion, JSON.stringify(manifest.metadata)).toBeTruthy();
      expect(manifest.kind).toBeTruthy();
      expect(manifest.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    const kinds = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    for (const expected of [
      'Deployment/bastion-api',
      'Service/bastion-api',
      'Deployment/bastion-proxy',
      'Service/bastion-proxy',
      'HorizontalPodAutoscaler/bastion-proxy',
      'PodDisruptionBudget/bastion-proxy',
      'ConfigMap/bastion-config',
      'Secret/bastion-secrets',
    ]) {
      expect(kinds).toContain(expected);
    }
  });

  it('every container has probes (app containers), resources and a locked-down securityContext', () => {
    for (const deployment of deployments) {
      const pod = podSpec(deployment);
      const name = deployment.metadata.name;
      expect(pod.securityContext, name).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.securityContext.runAsUser, name).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken, name).toBe(false);
      for (const container of [...containersOf(deployment), ...initContainersOf(deployment)]) {
        const where = `${name}/${container.name as string}`;
        expect(container.resources?.requests?.cpu, where).toBeTruthy();
        expect(container.resources?.requests?.memory, where).toBeTruthy();
        expect(container.resources?.limits?.cpu, where).toBeTruthy();
        expect(container.resources?.limits?.memory, where).toBeTruthy();
        expect(container.securityContext, where).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
        });
        expect(container.securityContext.capabilities?.drop, where).toContain('ALL');
        expect(container.securityContext.capabilities?.add, where).toBeUndefined();
        expect(container.securityContext.privileged ?? false, where).toBe(false);
        // A read-only root filesystem still needs a writable /tmp (SWC's transform cache, npm).
        expect(container.volumeMounts, where).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        expect(container.image, where).toBe('bastion');
      }
      for (const container of containersOf(deployment)) {
        const where = `${name}/${container.name as string}`;
        const ports = (container.ports as { name: string; containerPort: number }[]).map((p) => p.name);
        expect(container.livenessProbe?.httpGet?.path, where).toBe('/healthz');
        expect(container.readinessProbe?.httpGet?.path, where).toBe('/readyz');
        expect(container.startupProbe?.httpGet?.path, where).toBe('/healthz');
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          expect(ports, `${where} ${probe} port`).toContain(container[probe].httpGet.port);
        }
      }
      expect(pod.volumes, name).toContainEqual(
        expect.objectContaining({ name: 'tmp', emptyDir: expect.any(Object) }),
      );
    }
  });

  it('the image name is the one the kustomization rewrites', () => {
    expect(kustomization.images).toEqual([
      expect.objectContaining({ name: 'bastion', newName: expect.any(String), newTag: expect.any(String) }),
    ]);
  });

  it('the containers listen on the ports the ConfigMap configures', () => {
    const config = configMap.data as Record<string, string>;
    expect(containersOf(api)[0].ports[0].containerPort).toBe(Number(config['API_PORT']));
    expect(containersOf(proxy)[0].ports[0].containerPort).toBe(Number(config['PROXY_PORT']));
    expect(config['BASTION_HOST']).toBe('0.0.0.0');
    expect(containersOf(api)[0].args).toEqual(['api']);
    expect(containersOf(proxy)[0].args).toEqual(['proxy']);
  });

  it('the api migrates the database before it starts (init container)', () => {
    const [migrate] = initContainersOf(api);
    expect(migrate?.args).toEqual(['migrate']);
    expect(migrate?.env).toEqual([
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'bastion-secrets', key: 'DATABASE_URL' } } },
    ]);
    expect(api.spec.replicas).toBeGreaterThanOrEqual(1);
    expect(api.spec.replicas).toBeLessThanOrEqual(2);
  });

  it('configures the apps only with README variables; the workers never get DATABASE_URL', () => {
    for (const key of Object.keys(configMap.data as object))
      expect(readmeVariables.has(key), `ConfigMap ${key}`).toBe(true);
    for (const key of Object.keys(secret.stringData as object))
      expect(readmeVariables.has(key), `Secret ${key}`).toBe(true);
    for (const deployment of deployments) {
      for (const container of [...containersOf(deployment), ...initContainersOf(deployment)]) {
        for (const env of (container.env ?? []) as { name: string; valueFrom?: any }[]) {
          expect(readmeVariables.has(env.name), `${deployment.metadata.name}: ${env.name}`).toBe(true);
          const ref = env.valueFrom?.secretKeyRef ?? env.valueFrom?.configMapKeyRef;
          if (ref) {
            const source = env.valueFrom.secretKeyRef ? secret.stringData : configMap.data;
            expect(Object.keys(source as object), `${env.name} → ${ref.key as string}`).toContain(ref.key);
          }
        }
        for (const from of (container.envFrom ?? []) as any[]) {
          expect(from.configMapRef?.name ?? from.secretRef?.name).toBe(
            from.configMapRef ? 'bastion-config' : 'bastion-secrets',
          );
        }
      }
    }
    const proxyEnv = (containersOf(proxy)[0].env as { name: string }[]).map((e) => e.name);
    expect(proxyEnv.sort()).toEqual(['BASTION_MASTER_KEY', 'REDIS_URL']);
    expect(containersOf(proxy)[0].envFrom).toEqual([{ configMapRef: { name: 'bastion-config' } }]);
  });

  it('the Secret is clearly an example, with placeholders Bastion refuses to start on', () => {
    expect(readInfra('k8s/secret.example.yaml')).toMatch(/EXAMPLE ONLY/);
    expect(Object.keys(secret.metadata.annotations ?? {})).toContain('bastion.example/placeholder-values');
    const env = {
      ...(configMap.data as Record<string, string>),
      ...(secret.stringData as Record<string, string>),
    };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/BASTION_MASTER_KEY/);
    // …and nothing else is wrong with the example configuration.
    const withRealKey = { ...env, BASTION_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(loadConfig(withRealKey).proxy.publicUrl).toBe(configMap.data['PROXY_PUBLIC_URL']);
  });

  it('Services select their pods; the proxy Service has no session affinity', () => {
    for (const service of manifests.filter((m) => m.kind === 'Service')) {
      const target = deployments.find((d) => matches(service.spec.selector, d.spec.template.metadata.labels));
      expect(target, `Service ${service.metadata.name}`).toBeDefined();
      const containerPorts = containersOf(target!).flatMap((c) =>
        (c.ports as { name: string }[]).map((p) => p.name),
      );
      for (const port of service.spec.ports as { targetPort: string }[])
        expect(containerPorts).toContain(port.targetPort);
    }
    expect(find('Service', 'bastion-proxy').spec.sessionAffinity).toBe('None');
  });

  it('the HPA scales the proxy Deployment on CPU, from at least two workers', () => {
    const hpa = find('HorizontalPodAutoscaler', 'bastion-proxy');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'bastion-proxy',
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toContainEqual({
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } },
    });
    // Every container of the target has a CPU request, or utilization cannot be computed.
    for (const container of containersOf(proxy)) expect(container.resources.requests.cpu).toBeTruthy();
  });

  it('the optional custom-metric HPA patch targets the same HPA and Deployment', () => {
    const [patch] = readYamlDocuments<Manifest>('k8s/optional/hpa-active-sessions.yaml');
    expect(patch.kind).toBe('HorizontalPodAutoscaler');
    expect(patch.metadata.name).toBe('bastion-proxy');
    expect(patch.spec.scaleTargetRef.name).toBe('bastion-proxy');
    expect(patch.spec.metrics).toContainEqual(
      expect.objectContaining({
        type: 'Pods',
        pods: expect.objectContaining({ metric: { name: 'mcp_active_sessions' } }),
      }),
    );
  });

  it('the PodDisruptionBudgets select the pods of their Deployment', () => {
    const pdb = find('PodDisruptionBudget', 'bastion-proxy');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(matches(pdb.spec.selector.matchLabels, proxy.spec.template.metadata.labels)).toBe(true);
    expect(matches(pdb.spec.selector.matchLabels, api.spec.template.metadata.labels)).toBe(false);
    expect(pdb.spec.minAvailable ?? pdb.spec.maxUnavailable).toBeDefined();
    for (const budget of manifests.filter((m) => m.kind === 'PodDisruptionBudget')) {
      expect(
        deployments.some((d) => matches(budget.spec.selector.matchLabels, d.spec.template.metadata.labels)),
        budget.metadata.name,
      ).toBe(true);
    }
  });

  it('Deployments select their own pod template', () => {
    for (const deployment of deployments) {
      expect(
        matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels),
        deployment.metadata.name,
      ).toBe(true);
    }
  });

  it('pods are scraped by annotation on their container port, and probed on /readyz', () => {
    for (const deployment of deployments) {
      const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
      const port = containersOf(deployment)[0].ports[0].containerPort as number;
      expect(annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
        'prometheus.io/probe': 'true',
        'prometheus.io/probe-path': '/readyz',
      });
      expect(deployment.spec.template.metadata.labels['app.kubernetes.io/name']).toBe(
        deployment.metadata.name,
      );
    }
    const scrape = readYaml('k8s/monitoring/prometheus-scrape.yml');
    const pods = (scrape.scrape_configs as any[]).find((job) => job.job_name === 'kubernetes-pods');
    expect(pods.relabel_configs).toContainEqual({
      source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'],
      regex: '(.+)',
      target_label: 'job',
    });
    expect(readInfra('k8s/kustomization.yaml')).not.toMatch(/ServiceMonitor|PodMonitor/);
  });
});
