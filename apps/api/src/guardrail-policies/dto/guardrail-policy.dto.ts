import { guardrailRuleSchema } from '@bastion/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../http/pagination';
import { SECRET_MASK } from '../../mcp-configs/dto/mcp-server-fields';
import { MAX_PATTERN_LENGTH, ruleOptionIssues } from '../rule-options.validator';

const name = z.string().trim().min(1).max(200).describe('Policy name; the natural key (≤ 200 characters).');
const description = z.string().trim().max(2000).describe('What the policy is for (≤ 2000 characters).');
const mode = z
  .enum(['enforce', 'monitor'])
  .describe('`enforce` applies the rules’ actions; `monitor` only records what they would have done.');
const failMode = z
  .enum(['closed', 'open'])
  .describe(
    'When a detector fails or times out: `closed` blocks the call (safe default), `open` lets it through.',
  );

/** How remote rules' header values (provider API keys) are stored, shown and kept. */
const REMOTE_HEADERS_DOC =
  `Header values are secrets: sealed at rest (AES-256-GCM under BASTION_MASTER_KEY), shown as "${SECRET_MASK}". ` +
  `On create, upsert or update, send "${SECRET_MASK}" to keep a stored value: the one stored under that header ` +
  'name in the rule at the same position, else in the first stored rule sending to the same provider and URL; ' +
  'it is never carried to another provider or URL (send the real value then). A header left out is removed.';

/** One rule, with its detector options checked as the policy is saved. */
export const policyRuleSchema = guardrailRuleSchema
  .superRefine((rule, ctx) => {
    for (const issue of ruleOptionIssues(rule))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .describe(
    'A detector and what to do when it fires. `regex` needs `options.patterns` (strings ≤ ' +
      `${MAX_PATTERN_LENGTH} characters that compile as JavaScript regular expressions with the \`u\` flag and ` +
      'cannot backtrack catastrophically); `keywords` needs `options.keywords` (non-empty strings); ' +
      '`size` accepts `options.maxBytes` and `options.maxDepth` (positive integers); `remote` needs ' +
      '`options.provider` (webhook, openai-moderation, enkrypt) and an http(s) `options.url` (webhook), and ' +
      'accepts `headers`, `timeoutMs` (1–30000), `failMode`, `categories`, `threshold`. ' +
      REMOTE_HEADERS_DOC,
  );

/** The rules of a policy, applied in order. */
export const policyRulesSchema = z
  .array(policyRuleSchema)
  .max(100)
  .describe('The rules, applied in order (≤ 100).');

export const guardrailPolicySchema = z.object({
  id: z.uuid().describe('Policy id.'),
  name: z.string().describe('Policy name (unique).'),
  description: z.string().nullable().describe('What the policy is for.'),
  mode,
  failMode,
  rules: policyRulesSchema,
  createdAt: z.iso.datetime().describe('Creation time (ISO 8601).'),
  updatedAt: z.iso.datetime().describe('Last change (ISO 8601).'),
});

export class GuardrailPolicyDto extends createZodDto(guardrailPolicySchema) {}
export class GuardrailPolicyPageDto extends createZodDto(pageSchema(guardrailPolicySchema)) {}

export class CreateGuardrailPolicyDto extends createZodDto(
  z
    .object({
      name,
      description: description.optional(),
      mode: mode.default('enforce'),
      failMode: failMode.default('closed'),
      rules: policyRulesSchema,
    })
    .strict(),
) {}

export class UpdateGuardrailPolicyDto extends createZodDto(
  z
    .object({
      name: name.optional(),
      description: description.nullable().optional().describe('What the policy is for; null clears it.'),
      mode: mode.optional(),
      failMode: failMode.optional(),
      rules: policyRulesSchema.optional(),
    })
    .strict(),
) {}

export class ListGuardrailPoliciesQueryDto extends createZodDto(
  z
    .object({
      ...pageQueryShape,
      q: z
        .string()
        .max(200)
        .optional()
        .describe('Text contained in the name or description (case-insensitive).'),
    })
    .strict(),
) {}
