import { applyChange, type ChangeEvent } from '@bastion/contracts';
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { byId, keyEntry, sampleWorld, serverEntry, projectEntry } from './snapshot.fixtures';
import { ServingState } from './serving.state';
import { KeyIndex } from './key.index';

it('prof', () => {
  const big = sampleWorld(1);
  const projects = Array.from({ length: 500 }, () => projectEntry(big.config.id));
  const bigKeys = Array.from({ length: 10_000 }, (_, i) => keyEntry(projects[i % 500]!.id));
  const bigServers = Array.from({ length: 1_000 }, (_, i) => serverEntry(big.config.id, `srv${i}`));
  let snap = JSON.parse(
    JSON.stringify({
      ...big.snapshot,
      projects: { ...big.snapshot.projects, ...byId(...projects) },
      keys: { ...big.snapshot.keys, ...byId(...bigKeys) },
      servers: { ...big.snapshot.servers, ...byId(...bigServers) },
    }),
  );
  let state = ServingState.fromSnapshot(snap);
  const t = { apply: 0, withEvents: 0, keyIdx: 0, sApply: 0, sWith: 0 };
  for (let i = 0; i < 200; i++) {
    const k = keyEntry(big.project.id);
    const ev: ChangeEvent = { version: snap.version + 1, op: 'upsert', entity: 'keys', id: k.id, data: k };
    let t0 = performance.now();
    const r = applyChange(snap, ev);
    if (r.kind !== 'applied') throw new Error();
    t.apply += performance.now() - t0;
    t0 = performance.now();
    state = state.withEvents(r.snapshot, [ev]);
    snap = r.snapshot;
    t.withEvents += performance.now() - t0;
    const s = serverEntry(big.config.id, `x${i}`);
    const ev2: ChangeEvent = {
      version: snap.version + 1,
      op: 'upsert',
      entity: 'servers',
      id: s.id,
      data: s,
    };
    t0 = performance.now();
    const r2 = applyChange(snap, ev2);
    if (r2.kind !== 'applied') throw new Error();
    t.sApply += performance.now() - t0;
    t0 = performance.now();
    state = state.withEvents(r2.snapshot, [ev2]);
    snap = r2.snapshot;
    t.sWith += performance.now() - t0;
  }
  let t0 = performance.now();
  for (let i = 0; i < 20; i++) KeyIndex.build(snap.keys);
  t.keyIdx = (performance.now() - t0) / 20;
  process.stderr.write(
    `per event: key applyChange=${(t.apply / 200).toFixed(3)} key withEvents=${(t.withEvents / 200).toFixed(3)} server applyChange=${(t.sApply / 200).toFixed(3)} server withEvents=${(t.sWith / 200).toFixed(3)} fullKeyIndex=${t.keyIdx.toFixed(3)}\n`,
  );
});
import { diffSnapshots } from './snapshot.diff';
import { snapshotSchema } from '@bastion/contracts';
it('reload cost', () => {
  const big = sampleWorld(1);
  const projects = Array.from({ length: 500 }, () => projectEntry(big.config.id));
  const bigKeys = Array.from({ length: 10_000 }, (_, i) => keyEntry(projects[i % 500]!.id));
  const bigServers = Array.from({ length: 1_000 }, (_, i) => serverEntry(big.config.id, `srv${i}`));
  const json = JSON.stringify({
    ...big.snapshot,
    projects: { ...big.snapshot.projects, ...byId(...projects) },
    keys: { ...big.snapshot.keys, ...byId(...bigKeys) },
    servers: { ...big.snapshot.servers, ...byId(...bigServers) },
  });
  let t0 = performance.now();
  const a = snapshotSchema.parse(JSON.parse(json));
  const tParse = performance.now() - t0;
  const b = snapshotSchema.parse(JSON.parse(json));
  t0 = performance.now();
  diffSnapshots(a, b);
  const tDiff = performance.now() - t0;
  t0 = performance.now();
  ServingState.fromSnapshot(b);
  const tState = performance.now() - t0;
  process.stderr.write(
    `reload: bytes=${json.length} parse+validate=${tParse.toFixed(1)}ms diff=${tDiff.toFixed(1)}ms state=${tState.toFixed(1)}ms\n`,
  );
});
