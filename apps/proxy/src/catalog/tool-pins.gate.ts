import type { ServerEntry, Snapshot, ToolFinding, ToolPinEntry } from '@bastion/contracts';
import {
  definitionProse,
  nameSkeleton,
  prepareInjectionRules,
  scanInjection,
  type InjectionVerdict,
} from '@bastion/guardrails';
import { McpError } from '../mcp/mcp-error';
import type { ServingState } from '../snapshot';
import { toolFacts, type ToolFacts } from './tool-facts';
import { exposedName, isToolAllowed } from './tool-naming';
import { decidePin, heldBackMessage, isTrusted, type HoldReason } from './tool-pin.decision';
import type { ToolDiscoveryReporter } from './tool-discovery.reporter';
import { pinsOfServer } from './tool-pins.index';
import type { ListItem } from './upstream-list.cache';

/** Each server of a scope with its listed tools, in the catalog's order. */
export type ServerTools = ReadonlyArray<readonly [ServerEntry, ListItem[]]>;

/** Why one tool is held back. */
export interface Hold {
  reason: HoldReason;
  /** For `confusable`: the exposed name it looks like. */
  lookalike: string | null;
}

/** One held-back tool of a review, named with the hash of the definition that is held. */
export interface HeldTool extends Hold {
  server: ServerEntry;
  toolName: string;
  exposed: string;
  hash: string;
}

/** The outcome of reviewing a scope's tools. */
export interface PinReview {
  /** The listed objects to leave out of tools/list. */
  heldItems: ReadonlySet<ListItem>;
  /** The held-back tools, in listing order. */
  held: readonly HeldTool[];
  /** Why a tool is held back (undefined: exposed, or not in the reviewed lists). */
  hold(serverId: string, toolName: string): Hold | undefined;
  /** Whether the reviewed lists contained this tool. */
  saw(serverId: string, toolName: string): boolean;
}

/** The tool that holds a look-alike slot. */
interface SlotHolder {
  exposed: string;
  serverId: string;
}

interface Candidate {
  server: ServerEntry;
  item: ListItem;
  name: string;
  exposed: string;
  facts: ToolFacts;
  pin: ToolPinEntry | undefined;
}

/** Collaborators of the gate. */
export interface ToolPinGateDeps {
  state: () => ServingState | null;
  reporter: ToolDiscoveryReporter;
}

const MAX_CACHED = 10_000;
const key = (serverId: string, toolName: string) => `${serverId}\0${toolName}`;

/**
 * Compares listed tools with the snapshot's pins (see decidePin): hides held-back tools from
 * tools/list, refuses them on tools/call with -32021, and reports what the api must pin. Also scans
 * descriptions for injected instructions and holds back the later of two look-alike names.
 */
export class ToolPinGate {
  private readonly verdicts = new Map<string, InjectionVerdict>();
  private readonly skeletons = new Map<string, string>();

  constructor(private readonly deps: ToolPinGateDeps) {
    // Compile the injection rules now (once per process), not on the first client's tools/list.
    prepareInjectionRules();
  }

  /** Reviews the tools of a scope, all servers together (look-alikes are searched across them). */
  review(perServer: ServerTools): PinReview {
    const holds = new Map<string, Hold>();
    const heldItems = new Set<ListItem>();
    const held: HeldTool[] = [];
    const seen = new Set<string>();
    const snapshot = this.deps.state()?.snapshot;
    if (snapshot) {
      const claimed = new Map<string, SlotHolder>();
      const candidates = this.sort(snapshot, perServer, claimed, seen);
      for (const candidate of candidates) {
        const hold = this.decide(snapshot, candidate, this.claim(claimed, candidate));
        if (!hold) continue;
        heldItems.add(candidate.item);
        holds.set(key(candidate.server.id, candidate.name), hold);
        const { server, name: toolName, exposed, facts } = candidate;
        held.push({ ...hold, server, toolName, exposed, hash: facts.hash });
      }
    }
    return {
      heldItems,
      held,
      hold: (serverId, toolName) => holds.get(key(serverId, toolName)),
      saw: (serverId, toolName) => seen.has(key(serverId, toolName)),
    };
  }

  /**
   * Throws -32021 when the routed tool is held back. A trusted tool passes at once; a tool that
   * would be exposed on its own is checked against the whole scope for look-alikes (`collect`).
   */
  async admit(server: ServerEntry, definition: ListItem, collect: () => Promise<ServerTools>): Promise<void> {
    const snapshot = this.deps.state()?.snapshot;
    if (!snapshot) return;
    const candidate = this.candidate(snapshot, server, definition);
    if (isTrusted(candidate.pin, candidate.facts.hash)) return;
    let hold = this.decide(snapshot, candidate, null);
    if (!hold) {
      const review = this.review(await collect());
      if (review.saw(server.id, candidate.name)) hold = review.hold(server.id, candidate.name) ?? null;
    }
    if (hold) {
      const message = heldBackMessage(candidate.exposed, hold.reason, hold.lookalike);
      throw McpError.of('toolHeldBack', message, { tool: candidate.exposed, reason: hold.reason });
    }
  }

  /** Trusted tools claim their look-alike slot first; the others are returned in listing order. */
  private sort(
    snapshot: Snapshot,
    perServer: ServerTools,
    claimed: Map<string, SlotHolder>,
    seen: Set<string>,
  ) {
    const candidates: Candidate[] = [];
    for (const [server, items] of perServer) {
      for (const item of items) {
        const name = String(item['name']);
        if (!isToolAllowed(server, name)) continue;
        const candidate = this.candidate(snapshot, server, item);
        seen.add(key(server.id, name));
        if (isTrusted(candidate.pin, candidate.facts.hash)) this.claim(claimed, candidate);
        else candidates.push(candidate);
      }
    }
    return candidates;
  }

  private candidate(snapshot: Snapshot, server: ServerEntry, item: ListItem): Candidate {
    const name = String(item['name']);
    const pin = pinsOfServer(snapshot.toolPins, server.id).get(name);
    return { server, item, name, exposed: exposedName(server, name), facts: toolFacts(item), pin };
  }

  /** Takes the look-alike slot of a name; returns the tool that holds it already, if another name. */
  private claim(claimed: Map<string, SlotHolder>, candidate: Candidate): SlotHolder | null {
    const skeleton = this.skeleton(candidate.exposed);
    const holder = claimed.get(skeleton);
    if (holder === undefined)
      claimed.set(skeleton, { exposed: candidate.exposed, serverId: candidate.server.id });
    return holder !== undefined && holder.exposed !== candidate.exposed ? holder : null;
  }

  private decide(snapshot: Snapshot, candidate: Candidate, lookalike: SlotHolder | null): Hold | null {
    const { server, facts, pin } = candidate;
    const verdict = this.verdict(facts);
    const mode = snapshot.configs[server.configId]?.pinningMode ?? 'trust-on-first-use';
    const decision = decidePin({
      pin,
      mode,
      hash: facts.hash,
      poisoned: verdict.flagged,
      lookalike: lookalike?.exposed ?? null,
    });
    if (decision.report) {
      const findings: ToolFinding[] = [];
      if (verdict.flagged)
        findings.push({
          kind: 'injection',
          score: verdict.score,
          signals: [...new Set(verdict.signals.map((s) => s.kind))],
        });
      if (lookalike)
        findings.push({ kind: 'confusable', lookalike: lookalike.exposed, serverId: lookalike.serverId });
      this.deps.reporter.report(
        {
          configId: server.configId,
          serverId: server.id,
          toolName: candidate.name,
          hash: facts.hash,
          definition: facts.definition,
          change: decision.report,
          heldBack: decision.held !== null,
          findings,
        },
        candidate.exposed,
      );
    }
    return decision.held ? { reason: decision.held, lookalike: lookalike?.exposed ?? null } : null;
  }

  private verdict(facts: ToolFacts): InjectionVerdict {
    let verdict = this.verdicts.get(facts.hash);
    if (!verdict) {
      verdict = scanInjection(definitionProse(facts.definition));
      if (this.verdicts.size >= MAX_CACHED) this.verdicts.clear();
      this.verdicts.set(facts.hash, verdict);
    }
    return verdict;
  }

  private skeleton(name: string): string {
    let skeleton = this.skeletons.get(name);
    if (skeleton === undefined) {
      skeleton = nameSkeleton(name);
      if (this.skeletons.size >= MAX_CACHED) this.skeletons.clear();
      this.skeletons.set(name, skeleton);
    }
    return skeleton;
  }
}
