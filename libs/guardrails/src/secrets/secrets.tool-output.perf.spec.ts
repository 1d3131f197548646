/**
 * Scanning cost on realistic tool outputs (the adversarial spec covers the worst cases). An idle 2-core
 * machine measures 0.25 ms (prose) to 2 ms (JSON inside a JSON string) per 64 KiB; the budget is eight
 * times the slowest, since parallel test workers on a busy CI machine inflate CPU time several-fold. It
 * catches a slide back to order-of-magnitude costs, not small regressions (measure those on a quiet box).
 */
import { describe, expect, it } from 'vitest';
import { TIMING_RETRIES, bestCpuMs } from '../adversarial-input.fixture';
import { scanSecrets } from './secrets.scanner';
import { TOOL_OUTPUTS } from './tool-output.fixture';

const BUDGET_MS_PER_64_KIB = 16;

describe('secrets scanning time on tool outputs', TIMING_RETRIES, () => {
  it.each(Object.entries(TOOL_OUTPUTS))('%s: no secret found, within budget', (_name, text) => {
    expect(scanSecrets(text)).toEqual([]);
    expect(bestCpuMs(() => scanSecrets(text))).toBeLessThanOrEqual(BUDGET_MS_PER_64_KIB);
  });
});
