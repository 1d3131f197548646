let tail: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` after every previously queued task has settled. The wasm schema engine is one
 * instance per process and rejects overlapping calls ("recursive use of an object detected").
 */
export function serialiseEngineWork<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task, task);
  tail = run.catch(() => undefined);
  return run;
}
