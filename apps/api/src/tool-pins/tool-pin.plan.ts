import type { PinningMode, Prisma } from '@bastion/db';
import type { ToolDiscovery } from '@bastion/contracts';
import type { ToolPinWrite } from './tool-pins.repository';

/** What a discovery does to the pin of its tool. */
export type PinPlan =
  | { op: 'none' }
  | { op: 'create'; data: ToolPinWrite }
  | { op: 'update'; data: Partial<ToolPinWrite> };

/** The pin as far as planning is concerned. */
export interface KnownPin {
  approvedHash: string | null;
  pendingHash: string | null;
}

/**
 * How a reported definition changes a tool's pin; idempotent, so the same report (or the same
 * definition seen by many workers) changes nothing the second time.
 * - No pin: trusted on first use (`approved`) when the config says so and nothing is suspicious —
 *   no injection in the prose, no look-alike name; otherwise `pending`.
 * - A pin that already approves or awaits this hash: nothing.
 * - A pin with another definition: the new one becomes the pending version (the approved one
 *   stays, so the tool stays held back until an admin decides).
 */
export function planDiscovery(
  pin: KnownPin | null,
  discovery: Pick<ToolDiscovery, 'hash' | 'definition' | 'findings'>,
  mode: PinningMode,
  poisoned: boolean,
): PinPlan {
  const definition = discovery.definition as Prisma.InputJsonObject;
  if (!pin) {
    const trusted = mode === 'trust_on_first_use' && !poisoned && discovery.findings.length === 0;
    return trusted
      ? {
          op: 'create',
          data: { status: 'approved', approvedHash: discovery.hash, approvedDefinition: definition },
        }
      : {
          op: 'create',
          data: { status: 'pending', pendingHash: discovery.hash, pendingDefinition: definition },
        };
  }
  if (pin.approvedHash === discovery.hash || pin.pendingHash === discovery.hash) return { op: 'none' };
  return {
    op: 'update',
    data: { status: 'pending', pendingHash: discovery.hash, pendingDefinition: definition },
  };
}
