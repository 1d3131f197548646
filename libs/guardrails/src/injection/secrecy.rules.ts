import { rx, type PatternRule } from './pattern.rules';

const LB = String.raw`(?<![\p{L}\p{N}_])`;
const AUDIENCE = String.raw`(?:the user|users|the human|the person|anyone|the operator|the customer)`;

/** Instructions to keep something from the user: the clearest tell of a poisoned tool. */
export const SECRECY_RULES: readonly PatternRule[] = [
  {
    kind: 'hide-from-user',
    family: 'secrecy',
    weight: 0.7,
    pattern: rx(
      String.raw`\b(?:do not|don't|dont|never|must not|should not|shouldn't)\s(?:tell|inform|notify|alert|mention|reveal|disclose|show(?! up)|let|bring|say|explain|ask|warn|display|report)\b[^.\n]{0,40}?\b${AUDIENCE}\b`,
    ),
  },
  {
    kind: 'do-not-mention',
    family: 'secrecy',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:do not|don't|dont|never)\s(?:mention|reveal|disclose|bring up|talk about|acknowledge|list|explain)\s(?:this|it|that|these|the (?:verification|step|instruction|file|request|tool call|change)s?)\b`,
    ),
  },
  {
    kind: 'not-shown-to-user',
    family: 'secrecy',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:must|should|need) not be (?:shown|told|revealed|disclosed|mentioned|visible|displayed) to\s${AUDIENCE}|\b(?:must|should) (?:stay|remain|be kept) (?:invisible|hidden|secret|confidential)\b|\b(?:invisible|not visible|hidden) (?:to|from)\s${AUDIENCE}`,
    ),
  },
  {
    kind: 'keep-from-user',
    family: 'secrecy',
    weight: 0.7,
    pattern: rx(
      String.raw`\b(?:hide|conceal|keep)\s(?:this|it|that|these|the \w{1,20})?\s?(?:hidden\s|secret\s|confidential\s|private\s)?from\s(?:the\s)?(?:users?|human)\b`,
    ),
  },
  {
    kind: 'user-must-not-know',
    family: 'secrecy',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:the\s)?users? (?:(?:does not|doesn't|do not|don't) need to|must not|should not|shouldn't|need not|needn't|must never|should never) (?:know|see|be told|be informed|notice|find out)\b`,
    ),
  },
  {
    kind: 'without-telling-user',
    family: 'secrecy',
    weight: 0.45,
    pattern: rx(
      String.raw`\bwithout (?:the user(?:'s)?\s|users?\s|anyone\s)?(?:telling|informing|notifying|alerting|asking|knowing|noticing|confirmation|consent|approval|permission|their knowledge)\b`,
    ),
  },
  {
    kind: 'omit-from-reply',
    family: 'secrecy',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:leave|keep)\s(?:it|this|that|them|these)\sout of (?:your|the) (?:replies|reply|answers?|responses?|summary|summaries|output|messages?)\b|\b(?:do not|don't|never)\s(?:list|mention|include|show|report|reveal|display)\b[^.\n]{0,40}?\bin (?:your|the) (?:summary|summaries|replies|reply|answers?|responses?|output|messages?)\b`,
    ),
  },
  {
    kind: 'implementation-detail',
    family: 'secrecy',
    weight: 0.4,
    pattern: rx(
      String.raw`\b(?:this is|it's|it is) (?:only |just |merely |a mere )?(?:an )?implementation detail\b`,
    ),
  },
  {
    kind: 'covert-action',
    family: 'secrecy',
    weight: 0.2,
    pattern: rx(String.raw`\b(?:silently|secretly|covertly|quietly|discreetly|stealthily)\b`),
  },
  {
    kind: 'hide-from-user-de-fr-es',
    family: 'secrecy',
    weight: 0.7,
    pattern: rx(
      String.raw`${LB}(?:(?:sag|sage|sagen sie|erzähl|erzähle|verrate|verraten sie) (?:dem|den) (?:benutzer|nutzer|anwender|user)n? (?:nichts|kein wort)|ohne (?:den|dem) (?:benutzer|nutzer) zu (?:informieren|fragen|benachrichtigen)|ne (?:dis|dites|révèle|révélez|mentionne|mentionnez) (?:rien|pas|jamais)[^.\n]{0,30}?l'utilisateur|sans (?:le dire à|informer|prévenir) l'utilisateur|no (?:le\s)?(?:digas|diga|cuentes|menciones|reveles|informes) (?:nada\s)?(?:a|al) (?:usuario|usuaria)|sin (?:decirle|avisar|informar) al usuario)`,
      'giu',
    ),
  },
];
