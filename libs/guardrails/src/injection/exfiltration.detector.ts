import { isAllowedHost, urlHost, type HostAllowlist } from './hosts.allowlist';
import type { RawSignal } from './injection.types';
import { rx, type PatternRule } from './pattern.rules';
import { SENSITIVE_DATA, SENSITIVE_PATH } from './sensitive-targets.rules';
import { MIN_BASE64_LENGTH, decodeBase64Text } from './base64.detector';

const MD_URL = String.raw`https?://[^\s)>]{1,2048}`;
const MD_IMAGE = rx(String.raw`!\[[^\]\n[]{0,300}\]\(\s?<?(${MD_URL})`);
const MD_LINK = rx(String.raw`(?<!!)\[[^\]\n[]{0,300}\]\(\s?<?(${MD_URL})`);
const REF_DEFINITION = rx(String.raw`^ ?\[[^\]\n[]{1,100}\]:\s?<?(https?://[^\s>]{1,2048})`, 'gim');
const HTML_IMAGE = rx(String.raw`<img\b[^<>]{0,500}?\bsrc\s?=\s?["']?(https?://[^\s"'<>]{1,2048})`);

const PLACEHOLDER = /[{}<>]|\$\{|%7[bd]|\[[a-z_ ]{3,30}\]/i;
/** `=INSERT_SECRET_HERE`, `=YOUR_LAST_MESSAGE`: an all-caps constant as a query value is a fill-in slot. */
const CONSTANT_VALUE = /=[A-Z]{2,20}_[A-Z0-9_]{2,100}(?:&|$)/;
const QUERY_VALUE = /[?&;][^=&#\s]{1,60}=([^&#\s]{16,2048})/g;
const PATH_SEGMENT = /\/([A-Za-z0-9+_-]{24,2048})(?=[/?#]|$)/g;
const SENSITIVE_WORDS = new RegExp(
  String.raw`\b(?:${SENSITIVE_DATA.slice(3, -1)}|secret|token|ssn)\b|[\w.+-]{1,64}@[a-z][\w-]{0,62}\.[a-z]{2,}`,
  'i',
);

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** A value is data when it base64-decodes to readable text or, percent-decoded, names secrets or an address. */
function isDataValue(value: string): boolean {
  if (value.length >= MIN_BASE64_LENGTH && decodeBase64Text(value) !== undefined) return true;
  return SENSITIVE_WORDS.test(safeDecodeUri(value));
}

/** True when the URL carries data: fill-in placeholders, or query values/path segments that decode to text. */
export function urlCarriesData(url: string): boolean {
  const rest = url.replace(/^[a-z]{1,10}:\/\/[^/?#]{0,300}/i, '');
  const query = rest.slice(Math.max(0, rest.search(/[?#]/)));
  if (PLACEHOLDER.test(rest) || CONSTANT_VALUE.test(query)) return true;
  QUERY_VALUE.lastIndex = 0;
  for (let m = QUERY_VALUE.exec(rest); m !== null; m = QUERY_VALUE.exec(rest))
    if (isDataValue(m[1] ?? '')) return true;
  const path = rest.split(/[?#]/, 1)[0] ?? '';
  PATH_SEGMENT.lastIndex = 0;
  for (let m = PATH_SEGMENT.exec(path); m !== null; m = PATH_SEGMENT.exec(path)) {
    if (decodeBase64Text(m[1] ?? '') !== undefined) return true;
  }
  return false;
}

function urlSignals(
  text: string,
  pattern: RegExp,
  kind: string,
  weight: number,
  hosts: HostAllowlist,
): RawSignal[] {
  const out: RawSignal[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const url = m[1] ?? '';
    if (isAllowedHost(urlHost(url), hosts) || !urlCarriesData(url)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind, family: 'exfiltration', weight });
  }
  return out;
}

/** Images (fetched automatically) and links whose URL carries data to a host outside the allowlist. */
const ANY_WEB_URL = /https?:\/\//i;

export function renderedUrlSignals(text: string, hosts: HostAllowlist): RawSignal[] {
  // Every pattern below needs a web URL: one cheap search spares four scans of ordinary text.
  if (!ANY_WEB_URL.test(text)) return [];
  const refWeight = text.includes('![') ? 0.75 : 0.55;
  return [
    ...urlSignals(text, MD_IMAGE, 'exfil-markdown-image', 0.75, hosts),
    ...urlSignals(text, HTML_IMAGE, 'exfil-html-image', 0.75, hosts),
    ...urlSignals(text, MD_LINK, 'exfil-markdown-link', 0.55, hosts),
    ...urlSignals(text, REF_DEFINITION, 'exfil-reference-link', refWeight, hosts),
  ];
}

const SHELL_LINE = rx(
  String.raw`\b(?:curl|wget|invoke-webrequest|invoke-restmethod|iwr|irm|nc|ncat|netcat|scp|rsync)\b[^\n]{0,300}`,
);
const SHELL_EXFIL = rx(
  String.raw`\$\(\s?cat\b|\x60cat\s|--post-file|--upload-file|\s-T\s|\s-d\s?@|--data(?:-binary)?[=\s]@|-F\s?["']?\w{1,20}=@|\$\((?:env|printenv|whoami|hostname)\)|${SENSITIVE_PATH}`,
  'i',
);
const SUBSHELL = /\$\(|\x60[^\x60\n]{1,80}\x60/;
const PIPE_TO_SHELL = /\|\s?(?:sudo\s)?(?:ba|z)?sh\b/;
const LINE_URL_HOST = /\bhttps?:\/\/[^\s"'\x60)]{1,300}/gi;

function shellLineHostsAllowed(line: string, hosts: HostAllowlist): boolean {
  const urls = line.match(LINE_URL_HOST) ?? [];
  return urls.length > 0 && urls.every((url) => isAllowedHost(urlHost(url), hosts));
}

function shellLineSignal(line: string): Pick<RawSignal, 'kind' | 'weight'> | undefined {
  if (SHELL_EXFIL.test(line)) return { kind: 'exfil-shell-command', weight: 0.75 };
  if (SUBSHELL.test(line)) return { kind: 'shell-subshell-download', weight: 0.35 };
  if (PIPE_TO_SHELL.test(line)) return { kind: 'pipe-to-shell', weight: 0.25 };
  return undefined;
}

/** `curl`/`wget`/`nc` lines that upload files or command output to hosts outside the allowlist. */
/** The kind of the raw matches of {@link SHELL_LINE_RULE}: candidates, never a signal themselves. */
export const SHELL_LINE_KIND = 'shell-command-line';

/**
 * Lines that start with a network or copy command. It runs behind the keyword gate with the scoring rules
 * (one pass over the text for all of them); {@link shellSignals} then judges each line it matched.
 */
export const SHELL_LINE_RULE: PatternRule = {
  kind: SHELL_LINE_KIND,
  family: 'exfiltration',
  weight: 0,
  pattern: SHELL_LINE,
};

/** Exfiltration, subshell downloads and pipes to a shell on the lines {@link SHELL_LINE_RULE} matched. */
export function shellSignals(text: string, lines: readonly RawSignal[], hosts: HostAllowlist): RawSignal[] {
  const out: RawSignal[] = [];
  for (const line of lines) {
    const command = text.slice(line.start, line.end);
    if (shellLineHostsAllowed(command, hosts)) continue;
    const found = shellLineSignal(command);
    if (found) out.push({ start: line.start, end: line.end, family: 'exfiltration', ...found });
  }
  return out;
}

/** Reverse shells and destructive commands, wherever they appear. */
export const SHELL_RULES: readonly PatternRule[] = [
  {
    kind: 'reverse-shell',
    family: 'exfiltration',
    weight: 0.7,
    pattern: rx(String.raw`/dev/tcp/|\bnc\b[^\n]{0,30}\s-e\s|\b(?:ba)?sh -i\b|\bmkfifo\b[^\n]{0,60}\bnc\b`),
  },
  {
    kind: 'destructive-command',
    family: 'exfiltration',
    weight: 0.3,
    pattern: rx(String.raw`\brm -(?:rf|fr|r)\s(?:~|/|\$HOME)`),
  },
];

/** @internal Every regular expression of this module, for the linear-time audit in the specs. */
export const EXFILTRATION_PATTERNS: readonly RegExp[] = [
  MD_IMAGE,
  MD_LINK,
  REF_DEFINITION,
  HTML_IMAGE,
  PLACEHOLDER,
  CONSTANT_VALUE,
  QUERY_VALUE,
  PATH_SEGMENT,
  SENSITIVE_WORDS,
  SHELL_LINE,
  SHELL_EXFIL,
  SUBSHELL,
  PIPE_TO_SHELL,
  LINE_URL_HOST,
];
