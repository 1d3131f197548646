import type { Change, GuardrailRule } from '@bastion/contracts';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'winston';
import { LOGGER } from '../core/api-runtime';
import { ConfigWriter } from '../outbox/config-writer';
import { toPolicyEntry } from '../outbox/snapshot-entries';
import { GuardrailPoliciesRepository } from './guardrail-policies.repository';
import { PolicySecretsSealer } from './policy-secrets.sealer';

/** What one pass sealed. */
export interface HeadersBackfillResult {
  /** Policies rewritten (and published again, so the workers get the sealed values). */
  policies: number;
  /** Outbox history entries rewritten in place. */
  outboxEntries: number;
}

type OutboxPayload = { data?: { rules?: unknown } } | null;

/**
 * The data migration for remote header values saved before they were sealed. It needs the master
 * key, so it cannot be a SQL migration: it runs at every start-up, seals what is still plaintext in
 * the policies (publishing them again) and in the outbox history that carried them, and does
 * nothing once everything is sealed. Workers send values not yet sealed as stored meanwhile.
 */
@Injectable()
export class PolicyHeadersBackfill implements OnApplicationBootstrap {
  constructor(
    private readonly policies: GuardrailPoliciesRepository,
    private readonly writer: ConfigWriter,
    private readonly sealer: PolicySecretsSealer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealStoredHeaders();
    if (sealed.policies + sealed.outboxEntries === 0) return;
    this.logger.info('sealed guardrail policy header values stored in plaintext', {
      policies: sealed.policies,
      outbox_entries: sealed.outboxEntries,
    });
  }

  /** One pass, in one transaction. */
  sealStoredHeaders(): Promise<HeadersBackfillResult> {
    return this.writer.write(
      async (tx) => {
        const changes: Change[] = [];
        for (const row of await this.policies.findAll(tx)) {
          if (!this.sealer.hasPlaintext(row.rules)) continue;
          const rules = this.sealer.sealPlaintext(row.rules as GuardrailRule[]);
          const updated = await this.policies.update(tx, row.id, { rules });
          changes.push({ op: 'upsert', entity: 'policies', id: row.id, data: toPolicyEntry(updated) });
        }
        let outboxEntries = 0;
        for (const entry of await this.policies.publishedUpserts(tx)) {
          const payload = entry.payload as OutboxPayload;
          const rules = payload?.data?.rules;
          if (!payload?.data || !Array.isArray(rules) || !this.sealer.hasPlaintext(rules)) continue;
          const data = { ...payload.data, rules: this.sealer.sealPlaintext(rules) };
          await this.policies.replacePublishedUpsert(tx, entry.version, { ...payload, data });
          outboxEntries += 1;
        }
        return { result: { policies: changes.length, outboxEntries }, changes };
      },
      { timeoutMs: 60_000 },
    );
  }
}
