import { describe, expect, it } from 'vitest';
import { ChangeEventInbox, parseChangeEvent } from './change-event.inbox';

describe(parseChangeEvent.name, () => {
  it('parses a change event and refuses anything else', () => {
    expect(parseChangeEvent('{"version":3,"op":"reset"}')).toEqual({ version: 3, op: 'reset' });
    expect(parseChangeEvent('not json')).toBeNull();
    expect(parseChangeEvent('{"version":0,"op":"reset"}')).toBeNull();
    expect(parseChangeEvent('{"version":2,"op":"upsert","entity":"keys","id":"x","data":{}}')).toBeNull();
  });
});

describe(ChangeEventInbox.name, () => {
  it('keeps arrival order, refuses beyond capacity and drops what a load already reflects', () => {
    const inbox = new ChangeEventInbox(3);
    for (const seq of [1, 2, 3]) expect(inbox.push({ seq, event: { version: seq, op: 'reset' } })).toBe(true);
    expect(inbox.push({ seq: 4, event: { version: 4, op: 'reset' } })).toBe(false);
    inbox.dropThrough(2);
    expect(inbox.size).toBe(1);
    expect(inbox.shift()?.seq).toBe(3);
    expect(inbox.shift()).toBeUndefined();
  });
});
