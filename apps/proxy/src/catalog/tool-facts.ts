import { canonicalJson, canonicalToolDefinition, type CanonicalToolDefinition } from '@bastion/guardrails';
import { createHash } from 'node:crypto';
import type { ListItem } from './upstream-list.cache';

/** What the pin gate needs to know about one listed tool, computed once per listed object. */
export interface ToolFacts {
  /** The pinned fields, normalized. */
  definition: CanonicalToolDefinition;
  /** SHA-256 (hex) of the canonical definition. */
  hash: string;
}

// Keyed by the listed object: cached lists share their items, so each is hashed once.
const facts = new WeakMap<ListItem, ToolFacts>();

/** The canonical definition and hash of a listed tool. */
export function toolFacts(item: ListItem): ToolFacts {
  let known = facts.get(item);
  if (!known) {
    const definition = canonicalToolDefinition(item);
    known = { definition, hash: createHash('sha256').update(canonicalJson(definition)).digest('hex') };
    facts.set(item, known);
  }
  return known;
}
