import { base64Signals } from './base64.detector';
import { commentSignals } from './comments.detector';
import { analyzeContext, contextMultiplier } from './explanatory-context.dampening';
import { renderedUrlSignals, SHELL_LINE_KIND, shellSignals } from './exfiltration.detector';
import { findHiddenCharacters, mixedScriptSignals } from './hidden-characters.detector';
import { compileAllowedHosts, type HostAllowlist } from './hosts.allowlist';
import { GatedPatternRules } from './gate/gated-pattern-rules';
import { GATED_RULE_TABLE } from './injection.rules';
import type { InjectionOptions, InjectionSignal, InjectionVerdict, RawSignal } from './injection.types';
import { buildScanText, toOriginalRange, type ScanText } from './scan-text.normalize';
import { combineSignals } from './score.combine';

interface ScanSettings {
  hosts: HostAllowlist;
  decodeBase64: boolean;
}

const DEFAULT_THRESHOLD = 0.5;
let gatedRules: GatedPatternRules | undefined;

/**
 * The rule table behind its keyword gate, compiled on first use (tens of milliseconds, once per process;
 * `prepareInjectionRules` lets a caller pay it when a policy loads rather than on the first call).
 */
export function prepareInjectionRules(): GatedPatternRules {
  gatedRules ??= new GatedPatternRules(GATED_RULE_TABLE);
  return gatedRules;
}

function toSignal(raw: RawSignal, start: number, end: number, weight: number): InjectionSignal {
  const rounded = Math.round(weight * 1000) / 1000;
  return { start, end, kind: raw.kind, confidence: rounded, weight: rounded };
}

/** Signals found on the normalized text, dampened by context, mapped back to original offsets. */
function textSignals(scan: ScanText, settings: ScanSettings, depth: number): InjectionSignal[] {
  const gated = prepareInjectionRules().run(scan.text);
  const shellLines = gated.filter((signal) => signal.kind === SHELL_LINE_KIND);
  const raw = [
    ...gated.filter((signal) => signal.kind !== SHELL_LINE_KIND),
    ...commentSignals(scan.text),
    ...renderedUrlSignals(scan.text, settings.hosts),
    ...shellSignals(scan.text, shellLines, settings.hosts),
  ];
  if (depth === 0 && settings.decodeBase64) {
    raw.push(...base64Signals(scan.text, (decoded) => scoreOf(decoded, settings, depth + 1)));
  }
  if (raw.length === 0) return [];
  const ctx = analyzeContext(scan.text);
  return raw.map((signal) => {
    const range = toOriginalRange(scan, signal.start, signal.end);
    return toSignal(signal, range.start, range.end, signal.weight * contextMultiplier(signal, ctx));
  });
}

/** Hidden-character signals (original offsets), plus messages smuggled in Unicode tag characters. */
function invisibleSignals(original: string, settings: ScanSettings, depth: number): InjectionSignal[] {
  const hidden = findHiddenCharacters(original);
  const raw = [...hidden.signals, ...mixedScriptSignals(original)];
  const out = raw.map((signal) => toSignal(signal, signal.start, signal.end, signal.weight));
  if (depth > 0) return out;
  for (const run of hidden.smuggled) {
    const score = scoreOf(run.decoded, settings, depth + 1);
    if (score < 0.3) continue;
    const smuggled: RawSignal = { ...run, kind: 'tag-smuggled-instructions', family: 'hidden', weight: 0 };
    out.push(toSignal(smuggled, run.start, run.end, Math.min(0.95, score + 0.1)));
  }
  return out;
}

function collectSignals(text: string, settings: ScanSettings, depth: number): InjectionSignal[] {
  if (text.length === 0) return [];
  const scan = buildScanText(text);
  const invisible = scan.asciiOnly ? [] : invisibleSignals(text, settings, depth);
  return [...invisible, ...textSignals(scan, settings, depth)];
}

function scoreOf(text: string, settings: ScanSettings, depth: number): number {
  return combineSignals(collectSignals(text, settings, depth));
}

function resolveThreshold(threshold: number | undefined): number {
  if (threshold === undefined) return DEFAULT_THRESHOLD;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new RangeError(`injection threshold must be between 0 and 1, got ${threshold}`);
  }
  return threshold;
}

/**
 * Scores `text` for prompt injection and tool poisoning with a weighted rule engine: role/markup tags, override
 * phrases (en/de/fr/es), directives addressed to the model, secrecy, hidden characters, instruction-carrying
 * comments, exfiltration URLs and shell commands, tool shadowing, preference manipulation, and base64 payloads
 * (decoded and re-scanned once). Matching runs on {@link normalizeForScan}'s output; signal offsets refer to
 * `text`. The score is a noisy-OR of the strongest signal per kind (see `combineSignals`).
 *
 * @throws RangeError when `options.threshold` is outside 0–1.
 */
export function scanInjection(text: string, options: InjectionOptions = {}): InjectionVerdict {
  const threshold = resolveThreshold(options.threshold);
  const settings: ScanSettings = {
    hosts: compileAllowedHosts(options.allowedHosts),
    decodeBase64: options.decodeBase64 ?? true,
  };
  const signals = collectSignals(text, settings, 0).sort((a, b) => a.start - b.start || b.weight - a.weight);
  const score = combineSignals(signals);
  return { score, flagged: score >= threshold, signals };
}
