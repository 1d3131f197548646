import { describe, expect, it } from 'vitest';
import { SnapshotDraft, applyChange } from './apply-change';
import { changeEventSchema, type ChangeEvent } from './change-event.schema';
import { emptySnapshot, type ProjectEntry } from './snapshot.schema';

const project = (id: string, name: string): ProjectEntry => ({ id, name, mcpConfigId: null });
const ID_A = '00000000-0000-4000-8000-00000000000a';
const ID_B = '00000000-0000-4000-8000-00000000000b';

describe(applyChange.name, () => {
  it('applies upserts and deletes in order without touching the input', () => {
    const start = emptySnapshot();
    const first = applyChange(start, {
      version: 1,
      op: 'upsert',
      entity: 'projects',
      id: ID_A,
      data: project(ID_A, 'a'),
    });
    if (first.kind !== 'applied') throw new Error('expected applied');
    expect(first.snapshot.version).toBe(1);
    expect(first.snapshot.projects[ID_A]?.name).toBe('a');
    expect(start.projects).toEqual({});

    const second = applyChange(first.snapshot, { version: 2, op: 'delete', entity: 'projects', id: ID_A });
    if (second.kind !== 'applied') throw new Error('expected applied');
    expect(second.snapshot.projects).toEqual({});
    expect(first.snapshot.projects[ID_A]).toBeDefined();
  });

  it('shares untouched entity maps', () => {
    const start = emptySnapshot();
    const result = applyChange(start, {
      version: 1,
      op: 'upsert',
      entity: 'projects',
      id: ID_B,
      data: project(ID_B, 'b'),
    });
    if (result.kind !== 'applied') throw new Error('expected applied');
    expect(result.snapshot.keys).toBe(start.keys);
  });

  it('ignores events it already has', () => {
    const snapshot = { ...emptySnapshot(), version: 5 };
    expect(applyChange(snapshot, { version: 5, op: 'delete', entity: 'keys', id: ID_A }).kind).toBe('stale');
    expect(applyChange(snapshot, { version: 3, op: 'delete', entity: 'keys', id: ID_A }).kind).toBe('stale');
  });

  it('asks for a reload on a gap or a reset', () => {
    const snapshot = { ...emptySnapshot(), version: 5 };
    expect(applyChange(snapshot, { version: 7, op: 'delete', entity: 'keys', id: ID_A }).kind).toBe('reload');
    expect(applyChange(snapshot, { version: 6, op: 'reset' }).kind).toBe('reload');
  });
});

describe('changeEventSchema', () => {
  it('accepts a well-formed event and rejects data of the wrong entity', () => {
    const good: ChangeEvent = {
      version: 1,
      op: 'upsert',
      entity: 'projects',
      id: ID_A,
      data: project(ID_A, 'a'),
    };
    expect(changeEventSchema.parse(good)).toEqual(good);
    expect(changeEventSchema.safeParse({ ...good, entity: 'keys' }).success).toBe(false);
    expect(changeEventSchema.safeParse({ version: 0, op: 'reset' }).success).toBe(false);
  });
});

describe(SnapshotDraft.name, () => {
  it('applies a run of events with one copy per touched map and leaves the base alone', () => {
    const base = emptySnapshot();
    const draft = new SnapshotDraft(base);
    expect(
      draft.apply({ version: 1, op: 'upsert', entity: 'projects', id: ID_A, data: project(ID_A, 'a') }),
    ).toBe('applied');
    expect(
      draft.apply({ version: 2, op: 'upsert', entity: 'projects', id: ID_B, data: project(ID_B, 'b') }),
    ).toBe('applied');
    expect(draft.apply({ version: 3, op: 'delete', entity: 'projects', id: ID_A })).toBe('applied');
    expect(draft.apply({ version: 3, op: 'delete', entity: 'projects', id: ID_B })).toBe('stale');
    expect(draft.apply({ version: 5, op: 'delete', entity: 'projects', id: ID_B })).toBe('reload');
    const result = draft.result();
    expect(result.version).toBe(3);
    expect(Object.keys(result.projects)).toEqual([ID_B]);
    expect(result.keys).toBe(base.keys);
    expect(base.projects).toEqual({});
    expect(base.version).toBe(0);
  });
});
