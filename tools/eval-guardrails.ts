// `npm run eval:guardrails`: precision and recall of the offline detectors on the labelled corpora
// in libs/guardrails/eval, against the targets. Exits non-zero when a target is missed.
import { runInjectionEval } from '../libs/guardrails/eval/injection.eval';
import { runPiiEval, runSecretsEval } from '../libs/guardrails/eval/secrets-pii.eval';

const lines: string[] = [];
let missed = 0;
const check = (what: string, value: string, target: string, ok: boolean) => {
  if (!ok) missed++;
  lines.push(`| ${what} | ${value} | ${target} | ${ok ? 'PASS' : 'MISS'} |`);
};
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

const secrets = runSecretsEval();
const samples = Object.values(secrets.byEncoding).reduce((sum, e) => sum + e.samples, 0);
check('secrets: samples leaking an 8+ char fragment', `${secrets.leaks.length} / ${samples}`, '0', secrets.leaks.length === 0);
check('secrets: negatives modified', pct(secrets.negatives.share), '≤ 2 %', secrets.negatives.share <= 0.02);
const blocks = secrets.byEncoding['split-blocks'] ?? { samples: 0, leaked: 0 };
check('secrets: split across two content blocks, leaking', `${blocks.leaked} / ${blocks.samples}`, '0', blocks.samples > 0 && blocks.leaked === 0);
check('secrets: negatives split across two content blocks, modified', pct(secrets.negativesAcrossBlocks.share), '≤ 2 %', secrets.negativesAcrossBlocks.share <= 0.02);
lines.push(
  `| secrets: each chunk scanned alone, no context (informative: stream chunks) | ${secrets.splitSeparate.leaked} / ${secrets.splitSeparate.samples} leak | — | — |`,
);

const pii = runPiiEval();
for (const [kind, score] of Object.entries(pii.perKind)) {
  check(`pii ${kind}: precision`, score.precision.toFixed(3), '≥ 0.98', score.precision >= 0.98);
  check(`pii ${kind}: recall`, score.recall.toFixed(3), '≥ 0.95', score.recall >= 0.95);
}

const injection = runInjectionEval();
check('injection: recall', injection.recall.toFixed(3), '≥ 0.80', injection.recall >= 0.8);
check('injection: false positives', pct(injection.falsePositiveRate), '≤ 5 %', injection.falsePositiveRate <= 0.05);
check('injection: hard negatives flagged', pct(injection.hardFalsePositiveRate), '≤ 5 %', injection.hardFalsePositiveRate <= 0.05);
for (const [split, figures] of Object.entries(injection.perSplit)) {
  lines.push(`| injection ${split} split (informative) | recall ${figures.recall.toFixed(2)}, FP ${pct(figures.falsePositiveRate)} | — | — |`);
}

process.stdout.write(['| measure | value | target | |', '| --- | --- | --- | --- |', ...lines].join('\n') + '\n');
process.exit(missed > 0 ? 1 : 0);
