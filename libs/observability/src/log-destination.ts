import { closeSync, fstatSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';

/** The LOG_FILE value that means "standard error" rather than a file. */
export const LOG_FILE_STDERR = 'stderr';

/** LOG_FILE cannot be used; the message says why and what to do (never a secret). */
export class LogFileError extends Error {
  override readonly name = 'LogFileError';
}

/** Where a logger writes, with the process's standard streams injectable for tests. */
export interface LogDestinationOptions {
  /** A file to append to, `stderr`, or undefined for stdout. */
  file?: string | undefined;
  /** stdio mode: stdout carries the MCP protocol, so logs go to stderr (or the file) and never there. */
  forbidStdout?: boolean | undefined;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** The resolved destination: a stream and a name for diagnostics. */
export interface LogDestination {
  stream: NodeJS.WritableStream;
  kind: 'stdout' | 'stderr' | 'file';
}

/** True when `fd` is the same open file as this process's stdout (e.g. LOG_FILE=/dev/stdout). */
function isStdout(fd: number): boolean {
  try {
    const file = fstatSync(fd);
    const stdout = fstatSync(1);
    return file.dev === stdout.dev && file.ino === stdout.ino && file.rdev === stdout.rdev;
  } catch {
    return false;
  }
}

/**
 * Appends each record to `fd` with one synchronous write (O_APPEND: records from several processes
 * sharing the file do not interleave, and nothing is lost on `process.exit`). A failing write (disk
 * full) drops the record and is reported once on stderr; logging never takes the process down.
 */
function appendStream(fd: number, file: string, stderr: NodeJS.WritableStream): Writable {
  let reported = false;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        let offset = 0;
        while (offset < chunk.length) offset += writeSync(fd, chunk, offset);
      } catch (error) {
        if (!reported)
          stderr.write(`bastion: cannot write to LOG_FILE ${file}: ${(error as Error).message}\n`);
        reported = true;
      }
      callback();
    },
    destroy(error, callback) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      callback(error);
    },
  });
}

/** Opens LOG_FILE for appending (created 0600 if absent); its directory must exist. */
function openLogFile(file: string, forbidStdout: boolean, stderr: NodeJS.WritableStream): Writable {
  const path = resolve(file);
  const dir = dirname(path);
  let dirOk = false;
  try {
    dirOk = statSync(dir).isDirectory();
  } catch {
    dirOk = false;
  }
  if (!dirOk) {
    throw new LogFileError(
      `LOG_FILE: the directory ${dir} does not exist (or is not a directory); create it, point LOG_FILE elsewhere, or use LOG_FILE=stderr.`,
    );
  }
  let fd: number;
  try {
    fd = openSync(path, 'a', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new LogFileError(`LOG_FILE: cannot open ${path} for appending (${code}).`);
  }
  if (forbidStdout && isStdout(fd)) {
    closeSync(fd);
    throw new LogFileError(
      'LOG_FILE: points at stdout, which carries the MCP protocol in stdio mode; use stderr.',
    );
  }
  return appendStream(fd, path, stderr);
}

/**
 * Where logs go: LOG_FILE (appended), `stderr`, or stdout — except in stdio mode, where stdout is the
 * protocol channel and logs go to stderr unless LOG_FILE names a file.
 */
export function resolveLogDestination(options: LogDestinationOptions): LogDestination {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const file = options.file?.trim();
  if (file === LOG_FILE_STDERR) return { stream: stderr, kind: 'stderr' };
  if (file) return { stream: openLogFile(file, options.forbidStdout ?? false, stderr), kind: 'file' };
  if (options.forbidStdout) return { stream: stderr, kind: 'stderr' };
  return { stream: stdout, kind: 'stdout' };
}
