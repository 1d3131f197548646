import type { TextSpan } from '../text-span';
import { eachMatch, type SecretRule } from './secret.rule';
import { isPlaceholder, looksRandom, shannonEntropy } from './secret-value.heuristics';
import { spanOf } from './span.merge';

/**
 * A credential with a recognisable shape. Each pattern starts with a look-behind for its own token
 * characters, so a run of token characters is tried from its first character only (linear time), and
 * caps every repetition.
 */
interface VendorShape {
  kind: string;
  pattern: RegExp;
  /** Random part must look machine-made (guards short or word-like prefixes such as `sk-`). */
  randomBody?: boolean;
}

const SHAPES: readonly VendorShape[] = [
  {
    kind: 'aws-access-key-id',
    pattern:
      /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  { kind: 'github-token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{30,251}/g },
  { kind: 'github-token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{30,247}/g },
  {
    kind: 'gitlab-token',
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|ptt|rt|oas|cbt|imt|ft|soat|agent)-[A-Za-z0-9_.-]{20,300}/g,
  },
  { kind: 'gcp-api-key', pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{30,60}/g },
  { kind: 'anthropic-api-key', pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,400}/g },
  { kind: 'openai-api-key', pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,400}/g, randomBody: true },
  { kind: 'slack-token', pattern: /(?<![A-Za-z0-9_-])xox[abposrec]-[A-Za-z0-9-]{10,300}/g },
  { kind: 'slack-token', pattern: /(?<![A-Za-z0-9_-])xapp-[A-Za-z0-9-]{10,300}/g },
  {
    kind: 'slack-webhook',
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,200}/g,
  },
  { kind: 'stripe-key', pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}/g },
  { kind: 'stripe-webhook-secret', pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/=]{20,200}/g },
  { kind: 'npm-token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{30,200}/g },
  { kind: 'huggingface-token', pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,200}/g },
  { kind: 'vault-token', pattern: /(?<![A-Za-z0-9_.-])hv[sbr]\.[A-Za-z0-9_-]{24,400}/g },
  {
    kind: 'vault-token',
    pattern: /(?<![A-Za-z0-9_.-])s\.[A-Za-z0-9]{24}(?![A-Za-z0-9_.-])/g,
    randomBody: true,
  },
  { kind: 'bastion-api-key', pattern: /(?<![A-Za-z0-9_])bgw_[A-Za-z0-9]{32,200}/g },
  { kind: 'sendgrid-api-key', pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g },
  { kind: 'pypi-token', pattern: /(?<![A-Za-z0-9_-])pypi-AgE[A-Za-z0-9_-]{50,400}/g },
  { kind: 'databricks-token', pattern: /(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9])/g },
  { kind: 'shopify-token', pattern: /(?<![A-Za-z0-9_])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/g },
  { kind: 'grafana-token', pattern: /(?<![A-Za-z0-9_])glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}/g },
  { kind: 'linear-api-key', pattern: /(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{40}/g },
  { kind: 'age-secret-key', pattern: /(?<![A-Za-z0-9-])AGE-SECRET-KEY-1[0-9A-Z]{58}/g },
  {
    kind: 'azure-ad-client-secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    randomBody: true,
  },
  {
    kind: 'jwt',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_.-]{0,16384}/g,
  },
];

/** Sentence punctuation a token regex may have swallowed (`… ghp_abc.`). */
function trimmedEnd(text: string, start: number, end: number): number {
  let stop = end;
  while (stop > start && text[stop - 1] === '.') stop -= 1;
  return stop;
}

function bodyIsRandom(token: string): boolean {
  const body = token.replace(/^(?:sk-(?:proj-|svcacct-|admin-|None-)?|s\.)/, '');
  return looksRandom(body, 16) || (body.length >= 40 && shannonEntropy(body) >= 4);
}

function shapeSpans(shape: VendorShape, text: string): TextSpan[] {
  return eachMatch(shape.pattern, text, (match) => {
    const end = trimmedEnd(text, match.index, match.index + match[0].length);
    const token = text.slice(match.index, end);
    if (isPlaceholder(token) || (shape.randomBody === true && !bodyIsRandom(token))) return [];
    return spanOf(match.index, end, shape.kind, 0.99);
  });
}

/** Vendor and format credentials: AWS, GitHub, GitLab, GCP, OpenAI, Anthropic, Slack, Stripe, npm, JWT… */
export const vendorTokenRules: readonly SecretRule[] = SHAPES.map((shape, index) => ({
  id: `vendor:${shape.kind}:${index}`,
  scan: (text: string) => shapeSpans(shape, text),
}));
