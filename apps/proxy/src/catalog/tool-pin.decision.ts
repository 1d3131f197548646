import type { ConfigEntry, ToolPinEntry } from '@bastion/contracts';

/** Why a tool is held back. */
export type HoldReason = 'changed' | 'unapproved' | 'poisoned' | 'confusable';

/** What a worker does with one listed tool. */
export interface PinDecision {
  /** Null: exposed. Otherwise hidden from tools/list and refused on tools/call. */
  held: HoldReason | null;
  /** What to tell the api: a tool it has no pin for, one whose pin approves another hash, or nothing. */
  report: 'new' | 'changed' | null;
}

/** What is known about one listed tool when deciding. */
export interface PinFacts {
  pin: ToolPinEntry | undefined;
  mode: ConfigEntry['pinningMode'];
  hash: string;
  /** The description reads like a prompt injection. */
  poisoned: boolean;
  /** The exposed name of an earlier tool whose name looks like this one's, if any. */
  lookalike: string | null;
}

/** True when the pin approves exactly this definition and nothing awaits review. */
export function isTrusted(pin: ToolPinEntry | undefined, hash: string): boolean {
  return pin?.status === 'approved' && pin.approvedHash === hash;
}

/**
 * The pinning rules. An approved pin of the same hash exposes the tool (an admin's approval also
 * overrides the injection and look-alike checks). Otherwise the tool is held back when it has a pin
 * that approves another version (or has a version pending), is poisoned, is a look-alike, or is
 * new under `require-approval`; a new, clean tool under `trust-on-first-use` is exposed. Anything the
 * api does not know yet is reported: no pin → `new`; a hash that is neither approved nor pending →
 * `changed`.
 */
export function decidePin(facts: PinFacts): PinDecision {
  const { pin, hash } = facts;
  if (isTrusted(pin, hash)) return { held: null, report: null };
  const report = !pin ? 'new' : hash === pin.approvedHash || hash === pin.pendingHash ? null : 'changed';
  return { held: holdReason(facts), report };
}

// A change of an approved tool is named first: that is what the admin must review.
function holdReason({ pin, mode, poisoned, lookalike }: PinFacts): HoldReason | null {
  if (pin?.approvedHash) return 'changed';
  if (poisoned) return 'poisoned';
  if (lookalike !== null) return 'confusable';
  return pin || mode === 'require-approval' ? 'unapproved' : null;
}

/** The -32021 message for a held-back tool, as the client sees it. */
export function heldBackMessage(exposed: string, reason: HoldReason, lookalike: string | null): string {
  switch (reason) {
    case 'changed':
      return `Tool ${exposed} changed since it was approved; an admin must approve the new version`;
    case 'unapproved':
      return `Tool ${exposed} is new and awaits an admin's approval`;
    case 'poisoned':
      return `Tool ${exposed} is held back: its description reads like instructions to the model; an admin must approve it`;
    case 'confusable':
      return `Tool ${exposed} is held back: its name looks like ${lookalike ?? 'another tool'}; an admin must approve it`;
  }
}

/**
 * What a session is told when a tool it would have seen is held back (the gateway's `tool.held_back`
 * log message): server, tool and cause, never the definition under review.
 */
export function heldBackNotice(
  exposed: string,
  server: string,
  reason: HoldReason,
  lookalike: string | null,
): string {
  return `Tool ${exposed} of server ${server} is held back pending an admin's approval: ${holdCause(reason, lookalike)}`;
}

function holdCause(reason: HoldReason, lookalike: string | null): string {
  switch (reason) {
    case 'changed':
      return 'its definition changed since it was approved';
    case 'unapproved':
      return 'it is new';
    case 'poisoned':
      return 'its description reads like instructions to the model';
    case 'confusable':
      return `its name looks like ${lookalike ?? 'another tool'}`;
  }
}
