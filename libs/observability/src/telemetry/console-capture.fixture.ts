/**
 * Spec helper: records every console call and stdout write made while `work` runs. Plain
 * assignment, not vi.spyOn: calls from natively required packages (the OpenTelemetry SDK) reach
 * replaced methods, but not vitest's spies on the console.
 */
export function captureConsoleAndStdout<T>(work: () => T): { result: T; written: string[] } {
  const written: string[] = [];
  const savedConsole = { ...console };
  const savedWrite = process.stdout.write.bind(process.stdout);
  const record =
    (channel: string) =>
    (...args: unknown[]): void =>
      void written.push(`${channel}: ${args.map(String).join(' ')}`);
  Object.assign(console, {
    log: record('console.log'),
    info: record('console.info'),
    debug: record('console.debug'),
    trace: record('console.trace'),
    warn: record('console.warn'),
    error: record('console.error'),
  });
  process.stdout.write = (chunk: unknown) => {
    written.push(`stdout: ${String(chunk)}`);
    return true;
  };
  try {
    return { result: work(), written };
  } finally {
    Object.assign(console, savedConsole);
    process.stdout.write = savedWrite;
  }
}
