/**
 * Scanning cost on realistic tool outputs (the adversarial spec covers the worst cases). An idle 2-core
 * machine measures 0.25 ms (prose) to 2 ms (JSON inside a JSON string) per 64 KiB; the budget is eight
 * times the slowest, since parallel test workers on a busy CI machine inflate CPU time several-fold. It
 * catches a slide back to order-of-magnitude costs, not small regressions (measure those on a quiet box).
 */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from './secrets.scanner';
import { TOOL_OUTPUTS } from './tool-output.fixture';

const BUDGET_MS_PER_64_KIB = 16;

/** CPU time (not wall time) of the best of five runs, in ms. */
function cpuMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i += 1) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('secrets scanning time on tool outputs', () => {
  it.each(Object.entries(TOOL_OUTPUTS))('%s: no secret found, within budget', (_name, text) => {
    expect(scanSecrets(text)).toEqual([]);
    expect(cpuMs(() => scanSecrets(text))).toBeLessThanOrEqual(BUDGET_MS_PER_64_KIB);
  });
});
