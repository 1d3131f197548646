import { REPO_ROOT } from './arms/bench-arm';

/** The parts of a V8 .cpuprofile the summary reads. */
interface CpuProfile {
  startTime: number;
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** A function (or an area) and the share of sampled time it took. */
export interface HotSpot {
  name: string;
  ms: number;
  percent: number;
}

/** Where the profiled process spent its busy time (idle samples left out). */
export interface ProfileSummary {
  totalMs: number;
  /** By function, own time only. */
  self: HotSpot[];
  /** By project function (apps/, libs/), time including callees. */
  inclusive: HotSpot[];
  /** By area: a package in node_modules, a project folder, Node internals, GC. */
  areas: HotSpot[];
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith(REPO_ROOT) ? path.slice(REPO_ROOT.length + 1) : path;
}

function frameKey(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const url = shortUrl(frame.url);
  return `${frame.functionName || '(anonymous)'} ${url ? `${url}:${frame.lineNumber + 1}` : ''}`.trim();
}

function areaOf(url: string, functionName: string): string {
  const path = shortUrl(url);
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (module) return `npm:${module[1]}`;
  if (/^(apps|libs)\//.test(path)) return path.split('/').slice(0, 3).join('/');
  if (path.startsWith('node:') || path === '')
    return functionName.startsWith('(') ? functionName : 'node internals';
  return path;
}

function top(map: Map<string, number>, totalMs: number, count: number): HotSpot[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1000, percent: (100 * us) / 1000 / totalMs }));
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** A time window in µs of CLOCK_MONOTONIC (V8 profile timestamps and process.hrtime share that clock). */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/** Which samples fall inside the window (all of them when none does: then the clocks disagree). */
function samplesIn(profile: CpuProfile, window: ProfileWindow | undefined): boolean[] {
  let at = profile.startTime;
  const inside = profile.timeDeltas.map((delta) => {
    at += delta;
    return !window || (at >= window.fromUs && at <= window.toUs);
  });
  return inside.some(Boolean) ? inside : inside.map(() => true);
}

/** Self, inclusive (project code) and per-area time of a V8 CPU profile, optionally within a window. */
export function summarizeProfile(profile: CpuProfile, window?: ProfileWindow, count = 20): ProfileSummary {
  const inside = samplesIn(profile, window);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const [self, inclusive, areas] = [
    new Map<string, number>(),
    new Map<string, number>(),
    new Map<string, number>(),
  ];
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)!.callFrame;
    if (!inside[index] || frame.functionName === '(idle)') return; // outside the window, or waiting
    totalUs += delta;
    add(self, frameKey(frame), delta);
    add(areas, areaOf(frame.url, frame.functionName), delta);
    const stack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!;
      if (/^(apps|libs)\//.test(shortUrl(node.callFrame.url))) stack.add(frameKey(node.callFrame));
    }
    stack.forEach((key) => add(inclusive, key, delta));
  });
  const totalMs = totalUs / 1000;
  return {
    totalMs,
    self: top(self, totalMs, count),
    inclusive: top(inclusive, totalMs, count),
    areas: top(areas, totalMs, count),
  };
}
