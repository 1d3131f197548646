import { rx, type PatternRule } from './pattern.rules';
import { ENV_FILE, MOVE_VERB, SENSITIVE_DATA, SENSITIVE_PATH } from './sensitive-targets.rules';

const MODEL = String.raw`(?:ai|a\.i\.|llm|language model|model|agent|assistant|bot|chatbot|copilot|claude|gpt|chatgpt|gemini)`;
const DANGEROUS_TOOL =
  /(?:^|[_.])(?:delete|remove|drop|destroy|wipe|purge|export|send|transfer|upload|forward|exec|execute|shell|write|push|share|grant|disable|email|pay|payment|refund|approve|merge|deploy|publish|set_config)(?:_|$)/i;
/** Negation right before a match ("never paste your API keys") turns an order into advice. */
const NEGATED = /\b(?:never|not|don't|dont|no|without)\s(?:\w{1,15}\s)?$/i;

function notNegated(m: RegExpExecArray): boolean {
  return !NEGATED.test(m.input.slice(Math.max(0, m.index - 24), m.index));
}

/** Sentences addressed to the model rather than the user, and requests to read secrets or move data. */
export const DIRECTIVE_RULES: readonly PatternRule[] = [
  {
    kind: 'note-to-model',
    family: 'directive',
    weight: 0.65,
    pattern: rx(
      String.raw`\b(?:note|message|reminder|p\.?s\.?|attention|important instructions?|hint|memo|heads-up)\s(?:to|for)\s(?:the\s|any\s|all\s|an?\s|whichever\s)?(?:ai\s|llm\s)?${MODEL}s?\b|\binstructions?\s(?:to|for)\s(?:the\s|any\s|all\s|an?\s)?(?:ai\s|llm\s)?${MODEL}s?\s?:|\b${MODEL}(?:[- ]only)?\s(?:note|instructions?|directives?|memo)\s?:`,
    ),
  },
  {
    kind: 'addressed-to-model',
    family: 'directive',
    weight: 0.45,
    pattern: rx(
      String.raw`(?:^|(?<=[.!?>(:-]\s)|(?<=<!--\s?))(?:hey\s|dear\s|attention\s)?(?:ai\s)?\b${MODEL}s?(?:\sreading this[^:,\n]{0,40})?\s?[:,]\s`,
      'gim',
    ),
  },
  {
    kind: 'as-the-model',
    family: 'directive',
    weight: 0.55,
    pattern: rx(
      String.raw`\bas (?:an?|the) ${MODEL}(?: reading this)?,?\syou (?:must|should|are required|need|have to|will)\b`,
    ),
  },
  {
    kind: 'you-must-act',
    family: 'directive',
    weight: 0.25,
    pattern: rx(
      String.raw`\byou (?:must|should|need to|have to|are required to|are instructed to) (?:now\s|also\s|first\s|always\s|immediately\s|then\s|silently\s|secretly\s)?(?:call|invoke|use|run|execute|send|read|open|include|pass|forward|email|upload|post|copy|append|put|place|attach|reveal|output|print|ignore|approve|delete|remove|push|disable|paste)\b`,
    ),
  },
  {
    kind: 'before-using-tool',
    family: 'directive',
    weight: 0.45,
    pattern: rx(
      String.raw`\b(?:before|prior to) (?:(?:using|calling|invoking)(?: (?:this|the|any|each|every) (?:tool|function|server))?|(?:running|executing) (?:this|the|any|each|every) (?:tool|function)|answering|responding|any call to|each call|every call|the first \w{1,20}|(?:each|every|any) (?:call|use|lookup|request|query|search|run|invocation)|you (?:use|call|answer|respond|continue|reply))\b[^.\n]{0,60}?\b(?:read|open|cat|load|fetch|send|pass|include|call|run|execute|upload|forward|copy|list)\b`,
    ),
  },
  {
    kind: 'sensitive-file-reference',
    family: 'directive',
    weight: 0.25,
    pattern: rx(`${SENSITIVE_PATH}|${ENV_FILE}`),
  },
  {
    kind: 'sensitive-file-read',
    family: 'directive',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:read|open|cat|fetch|grab|send|upload|include|attach|dump|print|extract|collect|exfiltrate|post|prepend|append|leer|lesen|lire|lies|lis)\b[^.\n]{0,40}?${SENSITIVE_PATH}|\bcontents? of\s${SENSITIVE_PATH}|\b(?:send|upload|include|attach|paste|post|exfiltrate|forward|envoie|envoyez|sende|schicke|envía)\b[^.\n]{0,40}?${ENV_FILE}`,
    ),
    accept: notNegated,
  },
  {
    kind: 'sensitive-data-harvest',
    family: 'directive',
    weight: 0.45,
    pattern: rx(String.raw`\b${MOVE_VERB}\b[^.\n]{0,40}?\b${SENSITIVE_DATA}`),
    accept: notNegated,
  },
  {
    kind: 'send-to-external',
    family: 'directive',
    weight: 0.4,
    pattern: rx(
      String.raw`\b(?:send|forward|email|e-mail|post|upload|transmit|exfiltrate|leak|paste|submit|bcc|cc)(?:s|ed|ing)?\b[^.\n]{0,60}?\b(?:to|into)\s(?:https?:|[\w.+-]{1,64}@[\w-]{1,63}\.|the (?:webhook|endpoint|server|url|address|remote|support mailbox|mailbox)|(?:a |this |our )?(?:webhook|external|remote))`,
    ),
    accept: notNegated,
  },
  {
    kind: 'smuggle-into-argument',
    family: 'directive',
    weight: 0.3,
    pattern: rx(
      String.raw`\b(?:pass|put|place|include|insert|add|append|embed|attach|paste|copy|send)\b[^.\n]{0,60}?\b(?:in|into|as|to|through|via)\s(?:the\s|its\s|an?\s)?(?:[\x60'"]?[\w-]{1,30}[\x60'"]?\s)?(?:argument|parameter|param|field|input|property)\b|\b(?:pass|put|send|include)\s(?:it|its content|them|the contents?)\sas\s[\x60'"][\w-]{1,30}[\x60'"]`,
    ),
  },
  {
    kind: 'dangerous-tool-call',
    family: 'directive',
    weight: 0.45,
    pattern: rx(
      String.raw`\b(?:call|invoke|run|execute|trigger|calling|llama a|llamar a|rufe|appelle|appeler|appelez)(?:\s(?:the|la|el|das|den|a la))?(?:\s(?:tool|function|herramienta|outil|werkzeug)|\sl'outil)?\s?[\x60'"]?([a-z][a-z0-9]{0,30}_[a-z0-9_]{1,40})`,
    ),
    accept: (m) => DANGEROUS_TOOL.test(m[1] ?? '') && notNegated(m),
  },
  {
    kind: 'url-data-append',
    family: 'directive',
    weight: 0.5,
    pattern: rx(
      String.raw`\b(?:append|add|include|put|insert|attach|encode)\b[^.\n]{0,80}?\bto\s(?:the\s)?(?:url|link|query string|https?://)`,
    ),
  },
  {
    kind: 'decode-and-follow',
    family: 'directive',
    weight: 0.6,
    pattern: rx(
      String.raw`\bdecode\s(?:the following|this|it)\b[^.\n]{0,40}?\b(?:and|then)\s(?:follow|execute|run|obey|do what it says|apply)\b`,
    ),
  },
  {
    kind: 'hidden-css-text',
    family: 'directive',
    weight: 0.3,
    pattern: rx(
      String.raw`\b(?:display:\s?none|visibility:\s?hidden|font-size:\s?0(?:px)?\b|opacity:\s?0(?:\.0)?\b)`,
    ),
  },
  {
    kind: 'false-authorization',
    family: 'directive',
    weight: 0.45,
    pattern: rx(
      String.raw`\b(?:the\s)?(?:user|owner|admin|administrator|operator|person you are helping|customer|workspace owner)\s(?:has|have|had)\s(?:already\s)?(?:agreed|approved|pre-approved|consented|authori[sz]ed|granted|allowed|confirmed)\b|\b(?:you|the (?:assistant|model|agent|ai))\s(?:has|have)\s(?:already\s)?been\s(?:granted|given)\s(?:full\s|admin\s)?(?:permission|access|rights|approval|authori[sz]ation)\b`,
    ),
  },
  {
    kind: 'skip-confirmation',
    family: 'directive',
    weight: 0.3,
    pattern: rx(
      String.raw`\b(?:do not|don't|never|without)\s(?:ask(?:ing)?|wait(?:ing)?)\s(?:the user\s)?for\s(?:review|confirmation|approval|permission|consent)\b`,
    ),
  },
  {
    kind: 'urgency-marker',
    family: 'directive',
    weight: 0.1,
    pattern: rx(String.raw`\b(?:IMPORTANT|CRITICAL|URGENT|MANDATORY|ATTENTION)\s?[:!]`, 'g'),
  },
];
