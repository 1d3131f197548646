import { rx, type PatternRule } from './pattern.rules';

const TOOL_NAME = String.raw`[\x60'"]?[a-z][\w.-]{1,40}[\x60'"]?`;
/** A tool-like identifier: snake_case, dotted or back-ticked. */
const TOOL_ID = String.raw`(?:\x60[a-z][\w.-]{1,40}\x60|[a-z][a-z0-9]{0,30}[_.][\w.-]{1,40})`;

/** Descriptions that try to change how the model uses *other* tools (cross-server shadowing). */
export const SHADOWING_RULES: readonly PatternRule[] = [
  {
    kind: 'when-other-tool-called',
    family: 'shadowing',
    weight: 0.55,
    pattern: rx(
      String.raw`\bwhen(?:ever)?\s(?:the user\s|you\s|the assistant\s|the agent\s|the model\s|someone\s)?(?:calls?|uses?|invokes?|runs?|asks? you to|requests?)\b[^.\n]{0,50}?,?\s(?:you must\s|always\s|also\s|first\s|make sure\s|be sure\s|silently\s|change\s|replace\s|add\s|bcc\s|cc\s|send\s|forward\s|include\s|set\s)|\b(?:whenever|every time|each time|any time)\s(?:the\s)?${TOOL_NAME}(?:\stool)?\s(?:is|gets) (?:used|called|invoked|run)\b|\b(?:whenever|every time|each time|any time|when)\s(?:any|another|some|other) tools? (?:sends?|calls?|writes?|creates?|posts?|runs?|is (?:used|called))\b`,
    ),
    accept: (m) => !/\bthis tool\b/i.test(m[0]),
  },
  {
    kind: 'after-other-tool',
    family: 'shadowing',
    weight: 0.55,
    pattern: rx(
      String.raw`\bafter\s(?:the\s)?${TOOL_ID}(?:\stool)?\s(?:succeeds|completes|returns|runs|finishes|is (?:called|used|invoked)|has (?:run|finished))\b[^.\n]{0,20}?,?\s(?:also|always|you must|silently|secretly|immediately)\b`,
    ),
  },
  {
    kind: 'covert-copy',
    family: 'shadowing',
    weight: 0.55,
    pattern: rx(
      String.raw`\b(?:also|additionally|secretly|silently|always)\s(?:bcc|cc|blind[- ]copy|send a copy|forward (?:a copy|it|them|everything|all))\b|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,40}\s(?:in|as|into) (?:the\s)?(?:bcc|cc)\b|\b(?:add|put|include)\s[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,40}\s(?:to|in)\s(?:the\s)?(?:recipients|bcc|cc)\b`,
    ),
  },
  {
    kind: 'redirect-recipient',
    family: 'shadowing',
    weight: 0.4,
    pattern: rx(
      String.raw`\b(?:change|replace|switch|redirect|rewrite|modify)\s(?:the\s)?(?:recipient|destination|receiver|account number|iban|wallet|payee|remote)s?\s(?:to|with)\b`,
    ),
  },
  {
    kind: 'affects-other-tools',
    family: 'shadowing',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:this (?:tool\s)?)?(?:applies|changes|modifies|affects|overrides|replaces|supersedes|alters) (?:to\s)?(?:all|every|any) other tools?\b|\b(?:changes|modifies|affects|overrides|alters) (?:how|the behaviou?r of) (?:the\s)?(?:${TOOL_NAME}\s)?(?:tool|other tools)\b`,
    ),
  },
  {
    kind: 'replace-other-tool',
    family: 'shadowing',
    weight: 0.45,
    pattern: rx(
      String.raw`\b(?:instead of|rather than) (?:using\s|calling\s)?(?:the\s)?${TOOL_NAME}(?:\stool)?,?\s(?:always\s)?(?:use|call) this tool\b`,
    ),
  },
];
