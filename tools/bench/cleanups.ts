/**
 * Non-process leftovers of a run (Redis prefixes, test databases) that must go even when the run is
 * interrupted: each registration returns a function that runs the cleanup once and unregisters it.
 */
export class Cleanups {
  private readonly pending = new Set<() => Promise<void>>();

  /** Registers `cleanup`; call the returned function to run it now (it never runs twice). */
  add(cleanup: () => Promise<void>): () => Promise<void> {
    let done: Promise<void> | undefined;
    const once = () => {
      this.pending.delete(once);
      done ??= cleanup().catch(() => undefined);
      return done;
    };
    this.pending.add(once);
    return once;
  }

  /** Runs everything still registered, giving up after `timeoutMs`. */
  async runAll(timeoutMs: number): Promise<void> {
    const all = Promise.all([...this.pending].map((cleanup) => cleanup()));
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }
}
