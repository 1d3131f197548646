import type { GuardrailRule } from '@bastion/contracts';
import { remoteOptionIssues } from '@bastion/guardrail-providers';
import { findCatastrophicBacktracking } from './regex-backtracking.check';

/** A problem with one rule's options; `path` is relative to the rule. */
export interface RuleOptionIssue {
  path: Array<string | number>;
  message: string;
}

/** Longest user regex accepted, in characters. */
export const MAX_PATTERN_LENGTH = 500;

/**
 * Checks a rule's detector options when the policy is saved, so the workers never meet a pattern
 * that does not compile or could hang them. Options of other detectors are left to the detectors.
 */
export function ruleOptionIssues(rule: Pick<GuardrailRule, 'detector' | 'options'>): RuleOptionIssue[] {
  return OPTION_CHECKS[rule.detector]?.(rule.options) ?? [];
}

type OptionCheck = (options: Record<string, unknown>) => RuleOptionIssue[];

const OPTION_CHECKS: Partial<Record<GuardrailRule['detector'], OptionCheck>> = {
  regex: (options) => regexIssues(options['patterns']),
  keywords: (options) => keywordIssues(options['keywords']),
  size: (options) => sizeIssues(options),
  // provider known, url http(s) without credentials, headers, timeoutMs 1–30000, failMode, thresholds
  remote: (options) => remoteOptionIssues(options).map((problem) => issue(problem.path, problem.message)),
};

function regexIssues(patterns: unknown): RuleOptionIssue[] {
  if (!Array.isArray(patterns) || patterns.length === 0) {
    return [
      issue(
        ['patterns'],
        'The regex detector needs options.patterns: a non-empty array of regular expressions.',
      ),
    ];
  }
  return patterns.flatMap((pattern: unknown, index) => {
    const problem = patternProblem(pattern);
    return problem ? [issue(['patterns', index], problem)] : [];
  });
}

function patternProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || pattern.length === 0) return 'A pattern must be a non-empty string.';
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `The pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed.`;
  }
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`;
  }
  const risk = findCatastrophicBacktracking(pattern);
  return risk ? `${JSON.stringify(pattern)} could backtrack catastrophically (ReDoS): ${risk}.` : null;
}

function keywordIssues(keywords: unknown): RuleOptionIssue[] {
  if (!Array.isArray(keywords) || keywords.length === 0) {
    return [
      issue(['keywords'], 'The keywords detector needs options.keywords: a non-empty array of strings.'),
    ];
  }
  return keywords.flatMap((keyword: unknown, index) =>
    typeof keyword === 'string' && keyword.trim().length > 0
      ? []
      : [issue(['keywords', index], 'A keyword must be a non-empty string.')],
  );
}

function sizeIssues(options: Record<string, unknown>): RuleOptionIssue[] {
  return (['maxBytes', 'maxDepth'] as const).flatMap((name) => {
    const value = options[name];
    if (value === undefined || (Number.isSafeInteger(value) && (value as number) > 0)) return [];
    return [issue([name], `options.${name} must be a positive integer.`)];
  });
}

function issue(path: Array<string | number>, message: string): RuleOptionIssue {
  return { path: ['options', ...path], message };
}
