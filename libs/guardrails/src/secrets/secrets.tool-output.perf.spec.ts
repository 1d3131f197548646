/**
 * Scanning cost on realistic tool outputs (the adversarial spec covers the worst cases). The budget is
 * generous for a busy CI machine, about five times what an idle one measures for the slowest payload,
 * and still below what scanning every rule over every decoded copy in full used to cost.
 */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from './secrets.scanner';
import { TOOL_OUTPUTS } from './tool-output.fixture';

const BUDGET_MS_PER_64_KIB = 8;

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
