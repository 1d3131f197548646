/** The global the wasm engines report a Rust panic message to, right before they trap. */
interface PanicRegistry {
  set_message(message: string): void;
}

type GlobalWithRegistry = typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };

/** Called synchronously with the panic message (the trap that follows may end the process). */
export type PanicListener = (message: string) => void;

let crashMessage: string | undefined;

/** The panic message, once the schema engine has panicked in this process. */
export function schemaEnginePanicMessage(): string | undefined {
  return crashMessage;
}

/**
 * Installs a panic registry for the duration of `task` and restores the previous one afterwards:
 * the Prisma client installs its own (which throws) when its module loads. Without any registry a
 * panic becomes a TypeError inside wasm and the real message is lost.
 */
export async function withPanicHook<T>(onPanic: PanicListener, task: () => Promise<T>): Promise<T> {
  const scope = globalThis as GlobalWithRegistry;
  const previous = scope.PRISMA_WASM_PANIC_REGISTRY;
  scope.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      crashMessage = message;
      onPanic(message);
    },
  };
  try {
    return await task();
  } finally {
    if (previous) scope.PRISMA_WASM_PANIC_REGISTRY = previous;
  }
}
