import { busKeys, createRedis, SnapshotStore, whenRedisReady } from '@bastion/bus';
import { applyChange, type ChangeEvent, type Snapshot } from '@bastion/contracts';
import { TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { byId, keyEntry, sampleWorld, serverEntry, projectEntry } from './snapshot.fixtures';
import { SnapshotSync } from './snapshot.sync';

const pct = (xs: number[], p: number) => xs[Math.ceil(xs.length * p) - 1]!;

async function run(label: string, base: Snapshot, burst: boolean, projectId: string, configId: string) {
  const keys = busKeys(`bench:${uniqueSuffix()}:`);
  const [sub, cmd, w] = [1, 2, 3].map(() => createRedis({ url: TEST_REDIS_URL, connectionName: 'bench' }));
  await Promise.all([sub, cmd, w].map((c) => whenRedisReady(c!, 5000)));
  const store = new SnapshotStore(w!, keys);
  await store.save(base, []);
  const appliedAt = new Map<number, number>();
  const logs: string[] = [];
  const sync = new SnapshotSync({
    subscriber: sub!,
    redis: cmd!,
    keys,
    log: (_l, m) => logs.push(m),
    onChange: (_s, _p, c) => {
      const t = performance.now();
      for (const e of c.events) appliedAt.set(e.version, t);
    },
  });
  sync.start();
  await sync.whenReady();
  let snap = base;
  const sentAt = new Map<number, number>();
  const pending: Promise<void>[] = [];
  const msgs: Array<[number, string]> = [];
  for (let i = 0; i < 200; i++) {
    const ev: ChangeEvent =
      i % 4 === 3
        ? (() => {
            const s = serverEntry(configId, `s${i}`);
            return {
              version: snap.version + 1,
              op: 'upsert',
              entity: 'servers',
              id: s.id,
              data: s,
            } as ChangeEvent;
          })()
        : (() => {
            const k = keyEntry(projectId);
            return {
              version: snap.version + 1,
              op: 'upsert',
              entity: 'keys',
              id: k.id,
              data: k,
            } as ChangeEvent;
          })();
    const r = applyChange(snap, ev);
    if (r.kind !== 'applied') throw new Error('x');
    snap = r.snapshot;
    msgs.push([ev.version, JSON.stringify(ev)]);
  }
  for (const [v, m] of msgs) {
    sentAt.set(v, performance.now());
    const p = w!.publish(keys.configEvents, m).then(() => undefined);
    if (burst) pending.push(p);
    else await p;
  }
  await Promise.all(pending);
  const deadline = Date.now() + 10000;
  while (sync.version < snap.version && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  const lat = [...sentAt].map(([v, t]) => appliedAt.get(v)! - t).sort((a, b) => a - b);
  process.stderr.write(
    `${label}: n=${lat.length} p50=${pct(lat, 0.5).toFixed(3)}ms p99=${pct(lat, 0.99).toFixed(3)}ms max=${lat.at(-1)!.toFixed(3)}ms reloads=${logs.filter((m) => m.includes('reload requested')).length}\n`,
  );
  await sync.stop();
  await w!.del(keys.snapshot, keys.snapshotVersion);
  for (const c of [sub, cmd, w]) c!.disconnect();
}

it('bench', async () => {
  const small = sampleWorld(1);
  await run('small sequential', small.snapshot, false, small.project.id, small.config.id);
  await run('small burst', small.snapshot, true, small.project.id, small.config.id);
  const big = sampleWorld(1);
  const projects = Array.from({ length: 500 }, () => projectEntry(big.config.id));
  const bigKeys = Array.from({ length: 10_000 }, (_, i) => keyEntry(projects[i % 500]!.id));
  const bigServers = Array.from({ length: 1_000 }, (_, i) => serverEntry(big.config.id, `srv${i}`));
  const snapshot = {
    ...big.snapshot,
    projects: { ...big.snapshot.projects, ...byId(...projects) },
    keys: { ...big.snapshot.keys, ...byId(...bigKeys) },
    servers: { ...big.snapshot.servers, ...byId(...bigServers) },
  };
  await run('10k keys/1k servers sequential', snapshot, false, big.project.id, big.config.id);
  await run('10k keys/1k servers burst', snapshot, true, big.project.id, big.config.id);
}, 60000);
