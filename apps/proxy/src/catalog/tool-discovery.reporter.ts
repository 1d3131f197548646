import type { JobProducer } from '@bastion/bus';
import type { ToolDiscovery } from '@bastion/contracts';
import { randomUUID } from 'node:crypto';

/** A discovery as the gate states it; the reporter adds id, time and worker. */
export type DiscoveryDraft = Omit<ToolDiscovery, 'id' | 'observedAt' | 'workerId'>;

/** Collaborators of the reporter. */
export interface ToolDiscoveryReporterDeps {
  producer: JobProducer<ToolDiscovery>;
  /** Names this worker in reports and logs. */
  workerId: string;
  log: (level: 'info' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

// Distinct (server, tool) pairs remembered; past this the memory starts over (reports are idempotent).
const MAX_TOOLS = 50_000;

/**
 * Tells the api about tools it must pin, once per (server, tool, hash) for the life of the worker.
 * A report that could not be queued is forgotten, so the next listing sends it again; a pin that
 * disappears (an admin forgot it) is forgotten too, so its next discovery starts over.
 */
export class ToolDiscoveryReporter {
  private readonly reported = new Map<string, Set<string>>();
  private failing = false;

  constructor(private readonly deps: ToolDiscoveryReporterDeps) {}

  /** Queues the report unless this worker already sent it. */
  report(draft: DiscoveryDraft, exposed: string): void {
    const hashes = this.hashesOf(draft.serverId, draft.toolName);
    if (hashes.has(draft.hash)) return;
    hashes.add(draft.hash);
    const discovery: ToolDiscovery = {
      ...draft,
      id: randomUUID(),
      observedAt: new Date().toISOString(),
      workerId: this.deps.workerId,
    };
    this.deps.log(
      draft.heldBack ? 'warn' : 'info',
      draft.heldBack ? 'tool held back' : 'new tool trusted on first use',
      {
        tool: exposed,
        server_id: draft.serverId,
        change: draft.change,
        hash: draft.hash,
        findings: draft.findings,
      },
    );
    this.deps.producer.add(discovery.id, discovery).then(
      () => (this.failing = false),
      (error: unknown) => {
        hashes.delete(draft.hash);
        if (!this.failing)
          this.deps.log('warn', 'cannot report tool discoveries yet; retrying on the next listing', {
            error,
          });
        this.failing = true;
      },
    );
  }

  /** Forgets what was reported for a tool (its pin was deleted: the next discovery starts over). */
  forget(serverId: string, toolName: string): void {
    this.reported.delete(`${serverId}\0${toolName}`);
  }

  private hashesOf(serverId: string, toolName: string): Set<string> {
    const key = `${serverId}\0${toolName}`;
    let hashes = this.reported.get(key);
    if (!hashes) {
      if (this.reported.size >= MAX_TOOLS) this.reported.clear();
      hashes = new Set();
      this.reported.set(key, hashes);
    }
    return hashes;
  }
}
