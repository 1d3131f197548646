import { rx, type PatternRule } from './pattern.rules';

/** Chat-template tokens, role tags and prompt-format headers that try to open a new (system) turn. */
export const ROLE_MARKUP_RULES: readonly PatternRule[] = [
  {
    kind: 'chat-template-token',
    family: 'role-markup',
    weight: 0.8,
    pattern: rx(
      String.raw`<\|(?:im_start|im_end|im_sep|system|user|assistant|end|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>`,
    ),
  },
  {
    kind: 'role-tag',
    family: 'role-markup',
    weight: 0.7,
    pattern: rx(String.raw`</?(?:system|assistant|developer)(?:[\w-]{0,40}|\s[^<>\n]{0,80})>`),
  },
  {
    kind: 'instruction-tag',
    family: 'role-markup',
    weight: 0.55,
    pattern: rx(
      String.raw`</?(?:important|instructions?|hidden[\w-]{0,30}|admin|secret|override|ai[_-][\w-]{1,30}|sys)>`,
    ),
  },
  { kind: 'inst-marker', family: 'role-markup', weight: 0.7, pattern: rx(String.raw`\[/?INST\]|<</?SYS>>`) },
  {
    kind: 'fake-result-boundary',
    family: 'role-markup',
    weight: 0.6,
    pattern: rx(String.raw`</?(?:function_results|function_calls|tool_result|tool_results|tool_output)>`),
  },
  {
    kind: 'prompt-format-header',
    family: 'role-markup',
    weight: 0.45,
    pattern: rx(String.raw`^#{2,4} ?(?:system|instructions?|response|assistant) ?:`, 'gim'),
  },
  {
    kind: 'system-banner',
    family: 'role-markup',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:SYSTEM|ADMIN|DEVELOPER) (?:OVERRIDE|MESSAGE|NOTICE|PROMPT|INSTRUCTIONS?|COMMAND|UPDATE|ALERT)\b|\[(?:SYSTEM|ADMIN|HIDDEN|DEVELOPER)\b[^\]\n]{0,60}\]`,
      'g',
    ),
  },
  {
    kind: 'bracketed-system-prefix',
    family: 'role-markup',
    weight: 0.55,
    pattern: rx(String.raw`(?:\{\{|\[\[)\s?(?:system|admin|developer|assistant)\s?:`),
  },
  {
    kind: 'bracketed-system-prefix',
    family: 'role-markup',
    weight: 0.55,
    pattern: rx(String.raw`[{[(<]\s?(?:SYSTEM|ADMIN|DEVELOPER)\s?:`, 'g'),
  },
  {
    kind: 'transcript-turn',
    family: 'role-markup',
    weight: 0.3,
    pattern: rx(String.raw`^(?:assistant|ai|system prompt) ?:`, 'gim'),
  },
];
