// The live Prometheus spec's moving parts: the shipped scrape jobs with only their targets swapped for
// loopback addresses, a real Prometheus (Debian's `prometheus` binary) as a child process with a
// bounded start and stop, and a stand-in for the blackbox exporter (a third-party image in the
// compose stack; .ci/run installs only Debian's prometheus package) that really GETs the URL it is
// asked to probe.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { infraPath, readYaml, requireBinary } from './support';

export const LOOPBACK = '127.0.0.1';
const WAIT_MS = 25_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** host:port of a listening server. */
export function addressOf(server: Server): string {
  return `${LOOPBACK}:${(server.address() as AddressInfo).port}`;
}

export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((done) => (server ? server.close(() => done()) : done()));
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, LOOPBACK, done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Polls `check` until it returns without throwing, or throws its last error (plus `context()`). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T>,
  options: { timeoutMs?: number; abort?: () => string | undefined; context?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? WAIT_MS);
  let last: unknown;
  while (Date.now() < deadline) {
    const aborted = options.abort?.();
    if (aborted) {
      last = aborted;
      break;
    }
    try {
      return await check();
    } catch (error) {
      last = error;
      await sleep(250);
    }
  }
  throw new Error(`${what}: ${String(last)}${options.context?.() ?? ''}`);
}

/** What Prometheus should scrape: host:port pairs of the real apps and the blackbox stand-in. */
export interface ScrapeTargets {
  api: string;
  workers: string[];
  /** The worker a Kubernetes pod annotation points at (its port comes from the annotation). */
  annotatedWorkerPort: number;
  blackbox: string;
}

type Job = Record<string, any>;

/**
 * The jobs of infra/prometheus/prometheus.yml (bastion-api, bastion-proxy, bastion-readiness) and of
 * infra/k8s/monitoring/prometheus-scrape.yml (kubernetes-pods), unchanged except where targets come
 * from: service discovery becomes static targets carrying the labels discovery would have set. Every
 * relabelling rule stays as shipped. Scrape and rule intervals drop to 1 s so the test is quick.
 */
export function liveScrapeConfig(targets: ScrapeTargets): Record<string, unknown> {
  const shipped = (file: string, name: string): Job => {
    const jobs = readYaml(file).scrape_configs as Job[];
    const found = jobs.find((job) => job.job_name === name);
    if (!found) throw new Error(`${file} has no job ${name}`);
    return structuredClone(found);
  };
  const apiJob = shipped('prometheus/prometheus.yml', 'bastion-api');
  apiJob.static_configs = [{ targets: [targets.api] }];
  const proxyJob = shipped('prometheus/prometheus.yml', 'bastion-proxy');
  delete proxyJob.dns_sd_configs;
  proxyJob.static_configs = [{ targets: targets.workers }];
  const readinessJob = shipped('prometheus/prometheus.yml', 'bastion-readiness');
  delete readinessJob.dns_sd_configs;
  readinessJob.static_configs = [
    { targets: [`http://${targets.api}/readyz`], labels: { app: 'bastion-api' } },
    // What Docker DNS service discovery yields for the `proxy` service.
    { targets: targets.workers, labels: { __meta_dns_name: 'proxy' } },
  ];
  readinessJob.relabel_configs.at(-1).replacement = targets.blackbox;
  const podsJob = shipped('k8s/monitoring/prometheus-scrape.yml', 'kubernetes-pods');
  delete podsJob.kubernetes_sd_configs;
  podsJob.static_configs = kubernetesPods(targets.annotatedWorkerPort);
  return {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: [infraPath('prometheus/rules/bastion.rules.yml')],
    scrape_configs: [apiJob, proxyJob, readinessJob, podsJob],
  };
}

/**
 * What Kubernetes pod discovery yields for an annotated proxy pod (its address carries no port, the
 * annotation does) and for a pod without the scrape annotation.
 */
function kubernetesPods(port: number): Job[] {
  return [
    {
      targets: [LOOPBACK],
      labels: {
        __meta_kubernetes_namespace: 'bastion',
        __meta_kubernetes_pod_name: 'bastion-proxy-7d9f-abcde',
        __meta_kubernetes_pod_phase: 'Running',
        __meta_kubernetes_pod_label_app_kubernetes_io_name: 'bastion-proxy',
        __meta_kubernetes_pod_annotation_prometheus_io_scrape: 'true',
        __meta_kubernetes_pod_annotation_prometheus_io_port: String(port),
        __meta_kubernetes_pod_annotation_prometheus_io_path: '/metrics',
      },
    },
    {
      targets: [`${LOOPBACK}:9`],
      labels: {
        __meta_kubernetes_namespace: 'kube-system',
        __meta_kubernetes_pod_name: 'unrelated',
        __meta_kubernetes_pod_phase: 'Running',
      },
    },
  ];
}

/** One instant-query sample. */
export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** A Prometheus server started from the Debian binary, and its HTTP API. */
export class PrometheusProcess {
  private log = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000)));
    child.stderr!.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000)));
  }

  /** Starts `prometheus` with `configFile` on a free loopback port; resolves once /-/ready answers. */
  static async start(configFile: string, dataDir: string): Promise<PrometheusProcess> {
    requireBinary('prometheus');
    const port = await freePort();
    const child = spawn(
      'prometheus',
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dataDir, 'data')}`,
        `--web.listen-address=${LOOPBACK}:${port}`,
        '--storage.tsdb.retention.time=1h',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const prometheus = new PrometheusProcess(child, `http://${LOOPBACK}:${port}`);
    try {
      await prometheus.eventually('Prometheus ready', async () => {
        const response = await fetch(`${prometheus.baseUrl}/-/ready`, { signal: AbortSignal.timeout(2000) });
        if (response.status !== 200) throw new Error(`/-/ready answered ${response.status}`);
      });
    } catch (error) {
      await prometheus.stop();
      throw error;
    }
    return prometheus;
  }

  /** GET an /api/v1 path; throws unless Prometheus answers `status: success`. */
  async query<T = any>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? response.status}`);
    return body.data;
  }

  async instant(expr: string): Promise<Sample[]> {
    const data = await this.query<{ result: Sample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
    return data.result;
  }

  /** {@link eventually}, giving up early if Prometheus exited, with its log in the error. */
  eventually<T>(what: string, check: () => Promise<T>): Promise<T> {
    return eventually(what, check, {
      abort: () =>
        this.child.exitCode === null && this.child.signalCode === null
          ? undefined
          : `prometheus exited (${this.child.exitCode ?? this.child.signalCode})`,
      context: () => `\n--- prometheus log (tail) ---\n${this.log.slice(-3000)}`,
    });
  }

  /** SIGTERM, SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * A stand-in for the blackbox exporter's `http_ready` module: GETs `target` (a real app's /readyz)
 * and answers probe_success 1 for a 200, else 0. Records the modules it was asked for.
 */
export async function startBlackbox(modules: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const target = url.searchParams.get('target') ?? '';
    modules.push(url.searchParams.get('module') ?? '');
    if (url.pathname !== '/probe' || !target.startsWith(`http://${LOOPBACK}:`)) {
      response.writeHead(400).end('bad probe');
      return;
    }
    fetch(target, { signal: AbortSignal.timeout(2000) })
      .then((answer) => answer.status === 200)
      .catch(() => false)
      .then(
        (ok) => {
          response
            .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
            .end(`# TYPE probe_success gauge\nprobe_success ${ok ? 1 : 0}\n`);
        },
        () => response.writeHead(500).end(),
      );
  });
  await new Promise<void>((done) => server.listen(0, LOOPBACK, done));
  return server;
}
