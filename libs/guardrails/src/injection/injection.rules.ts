import { BASE64_PATTERNS } from './base64.detector';
import { COMMENT_PATTERNS } from './comments.detector';
import { DIRECTIVE_RULES } from './directive.rules';
import { CONTEXT_PATTERNS } from './explanatory-context.dampening';
import { EXFILTRATION_PATTERNS, SHELL_LINE_RULE, SHELL_RULES } from './exfiltration.detector';
import { HIDDEN_PATTERNS } from './hidden-characters.detector';
import { OVERRIDE_RULES } from './override.rules';
import type { PatternRule } from './pattern.rules';
import { PREFERENCE_RULES } from './preference.rules';
import { ROLE_MARKUP_RULES } from './role-markup.rules';
import { SECRECY_RULES } from './secrecy.rules';
import { SHADOWING_RULES } from './shadowing.rules';

/** Every regular-expression rule, run on normalized text. */
export const PATTERN_RULES: readonly PatternRule[] = [
  ...ROLE_MARKUP_RULES,
  ...OVERRIDE_RULES,
  ...DIRECTIVE_RULES,
  ...SECRECY_RULES,
  ...SHADOWING_RULES,
  ...PREFERENCE_RULES,
  ...SHELL_RULES,
];

/** What the keyword gate runs: the scoring rules, plus the shell-line candidates `shellSignals` judges. */
export const GATED_RULE_TABLE: readonly PatternRule[] = [...PATTERN_RULES, SHELL_LINE_RULE];

/** @internal Regular expressions used outside the rule table, for the linear-time audit in the specs. */
export const DETECTOR_PATTERNS: readonly RegExp[] = [
  ...EXFILTRATION_PATTERNS,
  ...COMMENT_PATTERNS,
  ...BASE64_PATTERNS,
  ...CONTEXT_PATTERNS,
  ...HIDDEN_PATTERNS,
];
