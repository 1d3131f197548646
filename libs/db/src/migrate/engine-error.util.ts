/** A line that starts the engine's span trace ("   0: sql_schema_connector::…"). */
const TRACE_LINE = /^\s*\d+: \S/;
const GENERIC_FIRST_LINE = /^(external connector error|Error in the driver adapter)$/i;

/**
 * The readable part of a schema engine error: its span trace is dropped and a generic first line
 * ("external connector error") is skipped when a more specific one follows.
 */
export function engineErrorText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const lines = raw.split('\n');
  const traceStart = lines.findIndex((line) => TRACE_LINE.test(line));
  const kept = (traceStart === -1 ? lines : lines.slice(0, traceStart))
    .map((line) => line.trimEnd())
    .filter(Boolean);
  if (kept.length > 1 && GENERIC_FIRST_LINE.test(kept[0] ?? '')) kept.shift();
  return kept.join('\n') || raw;
}

/** The migration a failed `applyMigrations` was working on, read from the engine's span trace. */
export function failedMigrationName(error: unknown): string | undefined {
  const raw = error instanceof Error ? error.message : String(error);
  return /migration_name="([^"]+)"/.exec(raw)?.[1];
}
