import { z } from 'zod';

/** BullMQ queue on which proxy workers report tool definitions to the api (see {@link toolDiscoverySchema}). */
export const TOOL_DISCOVERIES_QUEUE = 'tool-discoveries';

const id = z.string().uuid();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A tool definition reduced to the fields a pin covers (canonical form, see @bastion/guardrails).
 * Only the name's type is checked: an upstream that sends odd values elsewhere must still be pinned.
 */
export const pinnedToolDefinitionSchema = z
  .object({
    name: z.string(),
    title: z.unknown().optional(),
    description: z.unknown().optional(),
    inputSchema: z.unknown().optional(),
    outputSchema: z.unknown().optional(),
    annotations: z.unknown().optional(),
  })
  .strict();

/** Why a worker thinks a definition needs a look, beyond being new or changed. */
export const toolFindingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('injection'),
    /** Injection score of the description, 0–1. */
    score: z.number().min(0).max(1),
    /** Kinds of the signals found (e.g. `instruction-tag`, `sensitive-file-read`). */
    signals: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('confusable'),
    /** The look-alike tool that keeps its place, as clients see it (`<prefix>__<tool>`). */
    lookalike: z.string(),
    /** The server of the look-alike tool. */
    serverId: id,
  }),
]);

/**
 * What a worker saw when it compared an upstream tool with the snapshot's pins. Sent once per
 * (server, tool, hash) per worker lifetime; the api turns it into a ToolPin row idempotently.
 */
export const toolDiscoverySchema = z.object({
  /** Unique per report (also the job id). */
  id,
  observedAt: z.string().datetime({ offset: true }),
  /** Which worker saw it (for logs). */
  workerId: z.string(),
  configId: id,
  serverId: id,
  toolName: z.string().min(1),
  /** SHA-256 of the canonical definition. */
  hash: sha256,
  definition: pinnedToolDefinitionSchema,
  /** `new`: no pin yet; `changed`: the pin approves another hash. */
  change: z.enum(['new', 'changed']),
  /** Whether the worker held the tool back. */
  heldBack: z.boolean(),
  findings: z.array(toolFindingSchema),
});

export type PinnedToolDefinition = z.infer<typeof pinnedToolDefinitionSchema>;
export type ToolFinding = z.infer<typeof toolFindingSchema>;
export type ToolDiscovery = z.infer<typeof toolDiscoverySchema>;
