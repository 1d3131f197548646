import { readFile } from 'node:fs/promises';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { schemaEnginePanicMessage } from './engine-panic.hook';

/** The `SchemaEngine` class of `@prisma/schema-engine-wasm`. */
export type SchemaEngineClass = typeof wasmBindings.SchemaEngine;
/** One schema engine instance. */
export type SchemaEngine = wasmBindings.SchemaEngine;

/** The part of the WebAssembly global used here (@types/node 20 does not declare it). */
interface WasmRuntime {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;
let loading: Promise<SchemaEngineClass> | undefined;

/**
 * Instantiates the schema engine wasm once per process. The package's own entry imports the
 * `.wasm` file as an ES module, which Node cannot do, so the bindings are wired up by hand.
 */
export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  const panic = schemaEnginePanicMessage();
  if (panic !== undefined) {
    // A trapped wasm instance keeps its Rust borrows forever; every later call would fail obscurely.
    return Promise.reject(new Error(`The schema engine crashed earlier in this process (${panic}); restart it.`));
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
  const { instance } = await wasmRuntime.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(wasmBindings) });
  wasmBindings.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
  return wasmBindings.SchemaEngine;
}

/**
 * The engine starts 10 s timers it never clears; left referenced they keep a finished command alive
 * for 10 s. Unreferenced here, while {@link withSchemaEngine} keeps the process alive during a session.
 */
function withUnrefTimers(bindings: object): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bindings };
  for (const key of Object.keys(imports).filter((name) => name.startsWith('__wbg_setTimeout_'))) {
    imports[key] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports;
}
