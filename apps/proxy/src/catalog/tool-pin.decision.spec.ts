import type { ToolPinEntry } from '@bastion/contracts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decidePin, heldBackMessage, heldBackNotice, type PinFacts } from './tool-pin.decision';

const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);
const H3 = '3'.repeat(64);

const pin = (overrides: Partial<ToolPinEntry>): ToolPinEntry => ({
  id: randomUUID(),
  serverId: randomUUID(),
  toolName: 't',
  status: 'approved',
  approvedHash: H1,
  pendingHash: null,
  ...overrides,
});

const facts = (overrides: Partial<PinFacts>): PinFacts => ({
  pin: undefined,
  mode: 'trust-on-first-use',
  hash: H1,
  poisoned: false,
  lookalike: null,
  ...overrides,
});

describe(decidePin.name, () => {
  it.each<[string, Partial<PinFacts>, ReturnType<typeof decidePin>]>([
    ['approved pin, same hash', { pin: pin({}) }, { held: null, report: null }],
    [
      'approved pin, same hash, even if it looks poisoned',
      { pin: pin({}), poisoned: true },
      { held: null, report: null },
    ],
    [
      'approved pin, other hash (a rug pull)',
      { pin: pin({}), hash: H2 },
      { held: 'changed', report: 'changed' },
    ],
    [
      'pending pin, the pending hash',
      { pin: pin({ status: 'pending', pendingHash: H2 }), hash: H2 },
      { held: 'changed', report: null },
    ],
    [
      'pending pin, a third hash',
      { pin: pin({ status: 'pending', pendingHash: H2 }), hash: H3 },
      { held: 'changed', report: 'changed' },
    ],
    [
      'pending pin, back to the approved hash',
      { pin: pin({ status: 'pending', pendingHash: H2 }) },
      { held: 'changed', report: null },
    ],
    [
      'pending pin never approved',
      { pin: pin({ status: 'pending', approvedHash: null, pendingHash: H1 }) },
      { held: 'unapproved', report: null },
    ],
    ['no pin, trust on first use', {}, { held: null, report: 'new' }],
    ['no pin, require approval', { mode: 'require-approval' }, { held: 'unapproved', report: 'new' }],
    ['no pin, poisoned', { poisoned: true }, { held: 'poisoned', report: 'new' }],
    ['no pin, look-alike name', { lookalike: 'files__read_file' }, { held: 'confusable', report: 'new' }],
    [
      'changed and poisoned',
      { pin: pin({}), hash: H2, poisoned: true },
      { held: 'changed', report: 'changed' },
    ],
    [
      'never approved, poisoned',
      { pin: pin({ status: 'pending', approvedHash: null, pendingHash: H1 }), poisoned: true },
      { held: 'poisoned', report: null },
    ],
  ])('%s', (_case, input, expected) => {
    expect(decidePin(facts(input))).toEqual(expected);
  });
});

describe(heldBackMessage.name, () => {
  it('names the tool and what the admin must do', () => {
    expect(heldBackMessage('rug__get_weather', 'changed', null)).toBe(
      'Tool rug__get_weather changed since it was approved; an admin must approve the new version',
    );
    expect(heldBackMessage('b__read_fiIe', 'confusable', 'a__read_file')).toContain(
      'looks like a__read_file',
    );
  });
});

describe(heldBackNotice.name, () => {
  it('names the server, the tool and the cause, and says it awaits approval', () => {
    expect(heldBackNotice('rug__get_weather', 'rug', 'changed', null)).toBe(
      "Tool rug__get_weather of server rug is held back pending an admin's approval: its definition changed since it was approved",
    );
    expect(heldBackNotice('b__read_fiIe', 'b', 'confusable', 'a__read_file')).toMatch(
      /held back pending an admin's approval: its name looks like a__read_file$/,
    );
  });
});
