import { readFile } from 'node:fs/promises';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { engineCrashReason, guardEngineCallback } from './engine-crash.guard';

/** The `SchemaEngine` class of `@prisma/schema-engine-wasm`. */
export type SchemaEngineClass = typeof wasmBindings.SchemaEngine;
/** One schema engine instance. */
export type SchemaEngine = wasmBindings.SchemaEngine;

/** The part of the WebAssembly global used here (@types/node 20 does not declare it). */
interface WasmRuntime {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;
let loading: Promise<SchemaEngineClass> | undefined;

/**
 * Instantiates the schema engine wasm once per process. The package's own entry imports the
 * `.wasm` file as an ES module, which Node cannot do, so the bindings are wired up by hand.
 */
export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  const crash = engineCrashReason();
  if (crash !== undefined) {
    // A trapped wasm instance keeps its Rust borrows forever; every later call would fail obscurely.
    return Promise.reject(
      new Error(`Earlier in this process ${crash}; restart the process to migrate again.`),
    );
  }
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function instantiate(): Promise<SchemaEngineClass> {
  const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
  const bytes = await readFile(wasmPath);
  const { instance } = await wasmRuntime.instantiate(bytes, {
    './schema_engine_bg.js': engineImports(wasmBindings),
  });
  wasmBindings.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
  return wasmBindings.SchemaEngine;
}

/**
 * The bindings with the engine's scheduling guarded (see {@link guardEngineCallback}). Its timers
 * are also unreferenced: it starts 10 s timers it never clears, which would keep a finished command
 * alive for 10 s; {@link withSchemaEngine} keeps the process alive during a session instead.
 */
function engineImports(bindings: object): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bindings };
  for (const [key, binding] of Object.entries(imports)) {
    if (key.startsWith('__wbg_setTimeout_')) {
      imports[key] = (callback: () => void, ms: number) =>
        setTimeout(guardEngineCallback(callback), ms >>> 0).unref();
    } else if (key.startsWith('__wbg_queueMicrotask_')) {
      // Two bindings share the prefix: one reads `global.queueMicrotask`, the other schedules a callback.
      const original = binding as (arg: unknown) => unknown;
      imports[key] = (arg: unknown) =>
        typeof arg === 'function' ? queueMicrotask(guardEngineCallback(arg as () => void)) : original(arg);
    }
  }
  return imports;
}
