/** Size of every adversarial input the detector perf specs scan (64 KiB). */
export const ADVERSARIAL_SIZE = 64 * 1024;
/** Generous for a busy 2-core CI machine; measured runs are 5–50x below it. */
export const BUDGET_MS_PER_KIB = 1;

/**
 * Suite options for specs that time CPU work. On a shared 2-core CI machine, other test processes can slow
 * every run of one measurement (caches, GC helper threads); a second or third try usually meets a quiet
 * spell. A detector that really grows faster than linearly fails all three tries.
 */
export const TIMING_RETRIES = { retry: 2 } as const;

/**
 * CPU time (not wall time, which a loaded machine inflates) of the best of five runs of `run`, in ms.
 */
export function bestCpuMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i += 1) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** `unit` repeated to exactly {@link ADVERSARIAL_SIZE} characters. */
export const repeatTo = (unit: string, size = ADVERSARIAL_SIZE): string =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** A deterministic jumble of `pieces` (xorshift32), for inputs no hand-written repetition covers. */
export function jumble(pieces: readonly string[], seed: number, size = ADVERSARIAL_SIZE): string {
  let state = seed;
  let out = '';
  while (out.length < size) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out += pieces[(state >>> 0) % pieces.length];
  }
  return out.slice(0, size);
}
