import { rx, type PatternRule } from './pattern.rules';

/** Preference manipulation (MPMA): pushing the model to pick this tool through claims and commands. */
export const PREFERENCE_RULES: readonly PatternRule[] = [
  {
    kind: 'always-choose-this-tool',
    family: 'preference',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:always|only|must|should always)\s(?:choose|use|prefer|select|pick|call|invoke|trust|run)\s(?:this|our)\s(?:tool|one|server|function|plugin|service)\b`,
    ),
  },
  {
    kind: 'prefer-this-tool',
    family: 'preference',
    weight: 0.55,
    pattern: rx(
      String.raw`\b(?:always|should|must)\s(?:prefer|choose|select|pick|use)\sthis\s(?:tool|one)\s(?:over|instead of|rather than|before|first)\b`,
    ),
  },
  {
    kind: 'use-this-tool-instead',
    family: 'preference',
    weight: 0.3,
    pattern: rx(
      String.raw`\b(?:prefer|choose|select|pick|use)\sthis\s(?:tool|one)\s(?:over|instead of|rather than)\b`,
    ),
  },
  {
    kind: 'only-trusted-tool',
    family: 'preference',
    weight: 0.55,
    pattern: rx(
      String.raw`\b(?:the\s)?only\s(?:trusted|reliable|safe|official|verified|legitimate|correct|secure|approved|accurate|real)\s(?:[\w-]{1,20}\s)?(?:tool|option|source|server|choice)\b`,
    ),
  },
  {
    kind: 'avoid-other-tools',
    family: 'preference',
    weight: 0.55,
    pattern: rx(
      String.raw`\b(?:do not|don't|never|must not)\s(?:use|call|choose|trust|select|rely on)\s(?:any\s)?(?:other|competing|alternative|different)\s(?:[\w-]{1,20}\s)?(?:tools?|servers?|functions?|plugins?|options?)\b`,
    ),
  },
  {
    kind: 'disparage-other-tools',
    family: 'preference',
    weight: 0.55,
    pattern: rx(
      String.raw`\b(?:other|competing|alternative|built-in)\s(?:[\w-]{1,20}\s)?(?:tools?|servers?)\s(?:are|is|will|may|might|return|give|produce|have|has)\b[^.\n]{0,30}?\b(?:deprecated|unsafe|unreliable|outdated|broken|malicious|compromised|wrong|inaccurate|insecure|leak)`,
    ),
  },
  {
    kind: 'must-be-used',
    family: 'preference',
    weight: 0.45,
    pattern: rx(
      String.raw`\b(?:must|should)\s(?:always\s)?be\s(?:used|called|chosen|selected|preferred)\s(?:first|instead|over|before|for every|for all|in all)\b|\b(?:required|obligated|instructed|told) to (?:always\s)?(?:use|call|choose|select) this (?:tool|server|function)\b`,
    ),
  },
  {
    kind: 'this-tool-for-everything',
    family: 'preference',
    weight: 0.4,
    pattern: rx(
      String.raw`\bthis (?:tool|one)\b[^.\n]{0,60}?\b(?:in all cases|for (?:all|every|any) [\w-]{1,20} (?:requests?|questions?|queries|tasks?))`,
    ),
  },
  {
    kind: 'choose-me-not-others',
    family: 'preference',
    weight: 0.5,
    pattern: rx(
      String.raw`\b(?:must|should|always)\s(?:select|choose|use|pick|call)\s[\w-]{2,30}\s(?:and not|not|over|instead of|rather than)\s(?:the\s|any\s)?(?:other|competing|alternative)\b|\b(?:route|send|direct|pass)\s(?:every|all|each|any)\s[\w-]{1,20}\s(?:request\s|call\s)?(?:through|via|to)\sthis (?:tool|server|function)\b`,
    ),
  },
  {
    kind: 'authority-claim',
    family: 'preference',
    weight: 0.4,
    pattern: rx(
      String.raw`\b(?:recommended|endorsed|certified|approved|trusted|preferred|ranked (?:#1|number one|first|no\. ?1)) by (?:over\s|more than\s|leading\s|top\s|the leading\s)?(?:ai labs?|ai companies|openai|anthropic|google|microsoft|experts?|professionals|researchers|financial experts|ai safety researchers|security experts|millions|\d[\d,.]{0,12} ?(?:million|k|thousand)?)`,
    ),
  },
  {
    kind: 'superlative-claim',
    family: 'preference',
    weight: 0.3,
    pattern: rx(
      String.raw`(?:\bthe (?:best|most (?:accurate|reliable|trusted|advanced|powerful|secure))|\bthe official and most (?:secure|trusted|reliable)|#1(?: rated)?|\bnumber one|\bultimate|\bworld'?s best|\btop[- ]rated|\bunrivaled|\bsuperior) (?:[\w-]{1,20}\s)?(?:tool|engine|service|option|server|choice|way)\b`,
    ),
  },
];
