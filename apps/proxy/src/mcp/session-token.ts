import { SecretBox, deriveKey } from '@bastion/crypto';
import { randomBytes } from 'node:crypto';

const MAX_OPENED = 10_000;

/** What a session id carries. Sealed, so any worker can serve any session without shared state. */
export interface SessionRecord {
  /** Random session identity (used for termination and per-session channels). */
  sid: string;
  /** The key that created the session; another key presenting it gets 404. */
  keyId: string;
  projectId: string;
  protocolVersion: string;
  /** Client capabilities the gateway may forward to: sampling, elicitation, roots. */
  capabilities: { sampling: boolean; elicitation: boolean; roots: boolean };
  clientName: string;
  createdAt: number;
}

/**
 * Issues and opens `Mcp-Session-Id` values: the session record sealed with AES-256-GCM under a key
 * derived from BASTION_MASTER_KEY. Forged or tampered ids fail to open (→ 404).
 */
export class SessionTokens {
  private readonly box: SecretBox;
  // Opening is AES-GCM per request (~7 % of a call's CPU); an id always opens to the same record.
  private readonly opened = new Map<string, SessionRecord>();

  constructor(masterKey: Buffer) {
    this.box = new SecretBox(deriveKey(masterKey, 'mcp-session-id'));
  }

  issue(record: Omit<SessionRecord, 'sid' | 'createdAt'>): { id: string; record: SessionRecord } {
    const full: SessionRecord = {
      ...record,
      sid: randomBytes(16).toString('base64url'),
      createdAt: Date.now(),
    };
    return { id: this.box.seal(JSON.stringify(full)), record: full };
  }

  /** The record, or null for anything this deployment did not issue. */
  open(id: string): SessionRecord | null {
    const cached = this.opened.get(id);
    if (cached) return cached;
    if (id.length > 2048 || !SecretBox.isSealed(id)) return null;
    try {
      const record = JSON.parse(this.box.open(id)) as SessionRecord;
      if (this.opened.size >= MAX_OPENED) this.opened.clear();
      this.opened.set(id, record);
      return record;
    } catch {
      return null;
    }
  }
}
