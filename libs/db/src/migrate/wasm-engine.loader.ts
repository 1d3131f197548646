import { readFile } from 'node:fs/promises';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { schemaEnginePanicMessage } from './engine-panic.hook';

/** The `SchemaEngine` class of `@prisma/schema-engine-wasm`. */
export type SchemaEngineClass = typeof wasmBindings.SchemaEngine;
/** One schema engine instance. */
export type SchemaEngine = wasmBindings.SchemaEngine;

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
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmBindings });
  wasmBindings.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
  return wasmBindings.SchemaEngine;
}
