import { z } from 'zod';

/** Detector ids (`remote` asks an external provider; the others run in the worker). Outside scripts use these names. */
export const DETECTORS = [
  'pii',
  'secrets',
  'injection',
  'keywords',
  'regex',
  'schema',
  'size',
  'tools',
  'remote',
] as const;
/** What a rule does when its detector fires. */
export const GUARDRAIL_ACTIONS = ['block', 'redact', 'warn'] as const;
/** Which side of a tool call a rule inspects. */
export const GUARDRAIL_DIRECTIONS = ['input', 'output', 'both'] as const;

/** One rule of a guardrail policy. */
export const guardrailRuleSchema = z
  .object({
    detector: z.enum(DETECTORS).describe('Detector id: ' + DETECTORS.join(', ') + '.'),
    action: z.enum(GUARDRAIL_ACTIONS).describe('block, redact or warn.'),
    direction: z.enum(GUARDRAIL_DIRECTIONS).default('both').describe('input, output or both (default).'),
    options: z.record(z.string(), z.unknown()).default({}).describe('Detector-specific options.'),
  })
  .strict();

export type GuardrailRule = z.infer<typeof guardrailRuleSchema>;
