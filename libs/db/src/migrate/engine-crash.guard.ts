/** The global the wasm engines report a Rust panic message to, right before they trap. */
interface PanicRegistry {
  set_message(message: string): void;
}

type GlobalWithRegistry = typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };

/** Told (synchronously, once) why the engine crashed. */
export type CrashListener = (reason: string) => void;

let crashReason: string | undefined;
let activeListener: CrashListener | undefined;

/** Why the schema engine crashed, once it has in this process; a crashed engine is unusable. */
export function engineCrashReason(): string | undefined {
  return crashReason;
}

/**
 * Wraps a callback the engine schedules (microtask, timer). The engine's futures run there, so a
 * panic trap or a Rust-thrown error would otherwise escape as an uncaught exception and end the
 * process before the caller hears about it. During a guarded session it is routed to the session.
 */
export function guardEngineCallback<A extends unknown[]>(
  callback: (...args: A) => void,
): (...args: A) => void {
  return (...args) => {
    try {
      callback(...args);
    } catch (error) {
      if (!activeListener) throw error;
      recordCrash(`the schema engine failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/**
 * Runs `task` with a panic registry installed (the Prisma client replaces the global with its own,
 * which throws, when its module loads; without any, the real panic message is lost) and with
 * engine crashes reported to `onCrash`. The previous registry is restored afterwards.
 */
export async function withCrashGuard<T>(onCrash: CrashListener, task: () => Promise<T>): Promise<T> {
  const scope = globalThis as GlobalWithRegistry;
  const previous = scope.PRISMA_WASM_PANIC_REGISTRY;
  scope.PRISMA_WASM_PANIC_REGISTRY = {
    set_message: (message) => recordCrash(`the schema engine panicked: ${message}`),
  };
  activeListener = onCrash;
  try {
    return await task();
  } finally {
    activeListener = undefined;
    if (previous) scope.PRISMA_WASM_PANIC_REGISTRY = previous;
  }
}

function recordCrash(reason: string): void {
  if (crashReason !== undefined) return;
  crashReason = reason;
  activeListener?.(reason);
}
