import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { serialiseEngineWork } from './engine-lock.util';
import { engineCrashReason, withCrashGuard } from './engine-crash.guard';
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
 * opened. Sessions never overlap in a process. An engine crash (Rust panic) rejects the session
 * with its message instead of ending the process or leaving the caller waiting forever.
 */
export function withSchemaEngine<T>(
  options: SchemaEngineSessionOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  return serialiseEngineWork(() => {
    let rejectCrash: (error: Error) => void = () => undefined;
    const crashed = new Promise<never>((_resolve, reject) => (rejectCrash = reject));
    crashed.catch(() => undefined);
    const onCrash = (reason: string): void => {
      // Logged synchronously: should the trap still escape, the process ends before any promise settles.
      options.log(`Fatal: ${reason}`);
      rejectCrash(new Error(reason));
    };
    return withCrashGuard(onCrash, () => runSession(options, work, crashed));
  });
}

async function runSession<T>(
  options: SchemaEngineSessionOptions,
  work: (engine: SchemaEngine) => Promise<T>,
  crashed: Promise<never>,
): Promise<T> {
  let engine: SchemaEngine | undefined;
  // The engine's own timers are unreferenced (see wasm-engine.loader); this one holds the process open.
  const keepAlive = setInterval(() => undefined, 60_000);
  try {
    const SchemaEngine = await loadSchemaEngine();
    const adapterFactory = bindMigrationAwareSqlAdapterFactory(options.factory);
    engine = await Promise.race([
      crashed,
      SchemaEngine.new({ datamodels: options.datamodels }, forwardLog(options.log), adapterFactory),
    ]);
    const started = engine;
    // `crashed` first: when both have settled (a synchronous panic), the crash is the better reason.
    return await Promise.race([crashed, (async () => work(started))()]);
  } finally {
    // A trapped engine must not be touched again, not even to free it.
    if (engineCrashReason() === undefined) engine?.free();
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
    else if (entry.level === 'WARN' || entry.level === 'ERROR')
      log(`Schema engine ${entry.level.toLowerCase()}: ${message}`);
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
