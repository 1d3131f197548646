import { rx, type PatternRule } from './pattern.rules';

/** Word start that also works before non-ASCII letters (`\b` is ASCII-only). */
const LB = String.raw`(?<![\p{L}\p{N}_])`;
const VERB = String.raw`(?:ignore|disregard|forget|override|bypass|discard|abandon|neglect|set aside)`;
const ADJ = String.raw`(?:previous|prior|above|preceding|earlier|former|original|initial|foregoing|system|safety|developer|given|all)`;
const NOUN = String.raw`(?:instructions?|prompts?|rules|directives?|guidelines|context|messages|commands|guidance|constraints|restrictions|programming|orders|policies)`;

/** "Ignore previous instructions" and its relatives, in English, German, French and Spanish. */
export const OVERRIDE_RULES: readonly PatternRule[] = [
  {
    kind: 'ignore-previous-instructions',
    family: 'override',
    weight: 0.75,
    pattern: rx(
      String.raw`\b${VERB}\s(?:all\s|any\s|every\s|each\s)?(?:of\s)?(?:the\s|your\s|these\s|those\s|its\s|any\s)?${ADJ}\s(?:[a-z]{1,15}\s)?${NOUN}\b`,
    ),
  },
  {
    kind: 'ignore-above',
    family: 'override',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:ignore|disregard|forget)\s(?:all of\s|everything\s|anything\s)?(?:the\s)?(?:above|before this|you (?:were|have been) told|(?:said|written) (?:above|before))\b`,
    ),
  },
  {
    kind: 'forget-your-instructions',
    family: 'override',
    weight: 0.7,
    pattern: rx(
      String.raw`\b(?:forget|ignore|disregard|override|bypass)\s(?:all\s)?(?:your|the)\s(?:instructions|rules|guidelines|programming|training|directives|system prompt|guardrails|safety rules)\b`,
    ),
  },
  {
    kind: 'stop-following-instructions',
    family: 'override',
    weight: 0.7,
    pattern: rx(
      String.raw`\b(?:do not|don't|stop|no longer)\s(?:follow(?:ing)?|obey(?:ing)?|adhere to|adhering to|listen(?:ing)? to)\s(?:your|the|any)\s(?:previous\s|prior\s|original\s|system\s)?(?:instructions|rules|guidelines|system prompt)\b`,
    ),
  },
  {
    kind: 'new-instructions',
    family: 'override',
    weight: 0.55,
    pattern: rx(
      String.raw`\b(?:new|updated|revised|real|actual|true)\s(?:instructions|directives|task|orders|system prompt)\s?:|\byour (?:new|real|actual|true) (?:objective|task|goal|mission|instructions|role|purpose) (?:is|are)\b|\bthis is your (?:operator|developer|creator|admin|administrator|owner|system) speaking\b`,
    ),
  },
  {
    kind: 'from-now-on',
    family: 'override',
    weight: 0.45,
    pattern: rx(String.raw`\bfrom now on,?\s(?:you|your|respond|answer|always|only|act|reply)\b`),
  },
  {
    kind: 'role-reassignment',
    family: 'override',
    weight: 0.55,
    pattern: rx(
      String.raw`\b(?:you are|the (?:assistant|model|agent|ai) is) (?:now (?:in\s|a\s|an\s|the\s|my\s|dan\b|no longer|free|unrestricted|jailbroken|operating in|running in)|no longer (?:an?\s|bound|restricted|required))|\b(?:unrestricted|unfiltered|jailbreak|jailbroken|god|dan) mode\b(?! (?:is )?(?:disabled|off))|\bnew system prompt\s?:`,
    ),
  },
  {
    kind: 'prompt-leak-request',
    family: 'override',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:reveal|print|output|show|repeat|leak|disclose|display|dump)\s(?:me\s|us\s|to the user\s)?(?:your|the)\s(?:full\s|entire\s|hidden\s|secret\s|original\s|initial\s)?(?:system prompt|hidden instructions|initial instructions|instructions you were given|system message)\b`,
    ),
  },
  {
    kind: 'ignore-previous-instructions-de',
    family: 'override',
    weight: 0.75,
    pattern: rx(
      String.raw`${LB}(?:ignorier(?:e|en|t)?|vergiss|vergessen|missachte|missachten|übergehe|verwirf)\s(?:sie\s)?(?:alle\s|sämtliche\s)?(?:die\s|deine\s|ihre\s)?(?:bisherigen|vorherigen|obigen|vorigen|früheren|vorangegangenen|vorstehenden|ursprünglichen)\s(?:Anweisungen|Instruktionen|Befehle|Regeln|Vorgaben|Anordnungen)\b`,
      'giu',
    ),
  },
  {
    kind: 'ignore-previous-instructions-fr',
    family: 'override',
    weight: 0.75,
    pattern: rx(
      String.raw`${LB}(?:ignore[rsz]?|oublie[rsz]?|ne tiens pas compte des|ne tenez pas compte des|fais abstraction des|faites abstraction des)\s(?:toutes\s|tous\s)?(?:(?:les\s)?(?:instructions|consignes|règles|directives|ordres)\s(?:précédentes|antérieures|ci-dessus|initiales|du système|d'avant)|(?:tes|vos)\s(?:instructions|consignes|règles|directives))`,
      'giu',
    ),
  },
  {
    kind: 'ignore-previous-instructions-es',
    family: 'override',
    weight: 0.75,
    pattern: rx(
      String.raw`${LB}(?:ignora|ignore|ignorar|olvida|olvide|olvidar|descarta|haz caso omiso de|hagan caso omiso de|no sigas|omite)\s(?:todas\s|todos\s)?(?:(?:las\s|los\s)?(?:instrucciones|indicaciones|reglas|directrices|órdenes)\s(?:anteriores|previas|de arriba|iniciales|originales|del sistema)|(?:tus|sus)\s(?:instrucciones|indicaciones|reglas|directrices))`,
      'giu',
    ),
  },
  {
    kind: 'role-reassignment-de-fr-es',
    family: 'override',
    weight: 0.5,
    pattern: rx(
      String.raw`${LB}(?:du bist (?:jetzt|nun|ab sofort)|tu es (?:maintenant|désormais)|(?:ahora|a partir de ahora) eres|à partir de maintenant,? tu dois|ab sofort musst du)\b`,
      'giu',
    ),
  },
];
