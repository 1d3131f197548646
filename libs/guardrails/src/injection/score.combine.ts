/** Signals weaker than this are "weak evidence". */
export const WEAK_WEIGHT = 0.35;
/** Weak evidence together never contributes more than this, so it cannot flag a text on its own. */
export const WEAK_CAP = 0.35;

/**
 * Combines weighted signals into a 0–1 score.
 *
 * 1. Per kind, only the strongest occurrence counts (a document repeating one phrase is not more suspicious
 *    with every repetition).
 * 2. Kinds are combined as a noisy-OR, `1 − Π(1 − wᵢ)`: independent pieces of evidence reinforce each other,
 *    the score stays below 1, and a single strong signal (e.g. Unicode tag characters, 0.9) suffices.
 * 3. Weak kinds (weight < {@link WEAK_WEIGHT}) are first noisy-ORed among themselves and capped at
 *    {@link WEAK_CAP}: long benign documents collect many faint cues ("you must", ".env", "IMPORTANT:"), and
 *    those alone must not reach the default threshold of 0.5.
 */
export function combineSignals(signals: ReadonlyArray<{ kind: string; weight: number }>): number {
  const best = new Map<string, number>();
  for (const { kind, weight } of signals) best.set(kind, Math.max(best.get(kind) ?? 0, weight));
  let strongKeep = 1;
  let weakKeep = 1;
  for (const weight of best.values()) {
    if (weight < WEAK_WEIGHT) weakKeep *= 1 - weight;
    else strongKeep *= 1 - weight;
  }
  const weak = Math.min(WEAK_CAP, 1 - weakKeep);
  return 1 - strongKeep * (1 - weak);
}
