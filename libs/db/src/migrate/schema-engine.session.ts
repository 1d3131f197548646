import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { serialiseEngineWork } from './engine-lock.util';
import { schemaEnginePanicMessage, withPanicHook } from './engine-panic.hook';
import type { LogFn } from './migrate.types';
import type { SchemaEngineAdapterFactory } from './schema-engine-adapter.factory';
import { loadSchemaEngine, type SchemaEngine } from './wasm-engine.loader';

/** No externally managed tables or enums: the engine owns the whole schema. */
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** What one engine session needs. */
export interface SchemaEngineSessionOptions {
  factory: SchemaEngineAdapterFactory;
  log: LogFn;
  /** `[path, content]` of the Prisma schema files, when the operation needs them. */
  datamodels?: [string, string][];
}

/**
 * Creates a schema engine, runs `work` with it and releases it together with every connection it
 * opened. Sessions never overlap in a process. A Rust panic rejects the session with its message
 * instead of leaving the caller waiting on a trapped engine.
 */
export function withSchemaEngine<T>(options: SchemaEngineSessionOptions, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  return serialiseEngineWork(() => {
    let rejectPanic: (error: Error) => void = () => undefined;
    const panicked = new Promise<never>((_resolve, reject) => (rejectPanic = reject));
    panicked.catch(() => undefined);
    const onPanic = (message: string): void => {
      options.log(`Schema engine panic: ${message}`);
      rejectPanic(new Error(`The schema engine panicked: ${message}`));
    };
    return withPanicHook(onPanic, () => runSession(options, work, panicked));
  });
}

async function runSession<T>(
  options: SchemaEngineSessionOptions,
  work: (engine: SchemaEngine) => Promise<T>,
  panicked: Promise<never>,
): Promise<T> {
  let engine: SchemaEngine | undefined;
  // The engine's own timers are unreferenced (see wasm-engine.loader); this one holds the process open.
  const keepAlive = setInterval(() => undefined, 60_000);
  try {
    const SchemaEngine = await loadSchemaEngine();
    const adapterFactory = bindMigrationAwareSqlAdapterFactory(options.factory);
    engine = await Promise.race([SchemaEngine.new({ datamodels: options.datamodels }, forwardLog(options.log), adapterFactory), panicked]);
    return await Promise.race([work(engine), panicked]);
  } finally {
    // A trapped engine must not be touched again, not even to free it.
    if (schemaEnginePanicMessage() === undefined) engine?.free();
    await options.factory.close();
    clearInterval(keepAlive);
  }
}

/** Turns the engine's JSON log lines into progress lines: applied migrations, warnings and errors. */
function forwardLog(log: LogFn): (line: string) => void {
  return (line) => {
    const entry = parseLogLine(line);
    if (!entry) return;
    const message = entry.fields?.message ?? '';
    if (message.startsWith('Applying')) log(message.replace(/`/g, ''));
    else if (entry.level === 'WARN' || entry.level === 'ERROR') log(`Schema engine ${entry.level.toLowerCase()}: ${message}`);
  };
}

interface EngineLogEntry {
  level?: string;
  fields?: { message?: string };
}

function parseLogLine(line: string): EngineLogEntry | undefined {
  try {
    return JSON.parse(line) as EngineLogEntry;
  } catch {
    return undefined;
  }
}
