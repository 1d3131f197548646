import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Folder holding the database files; created (and initialised) when absent. */
  dataDir: string;
  /** Interface to listen on; defaults to 127.0.0.1. */
  host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** A running embedded Postgres. */
export interface EmbeddedPostgres {
  /** `postgresql://` URL for pg, `@prisma/adapter-pg` and the migration runner. */
  url: string;
  /** Closes the socket server (and every client connection) and then the database. */
  stop(): Promise<void>;
}

/** PGlite serves connections one query at a time, so a couple of pools plus a migration fit in this. */
const MAX_CONNECTIONS = 20;

/**
 * Starts PostgreSQL (PGlite, Postgres compiled to wasm) in this process and serves it over TCP, so
 * Bastion can run without an installed database. PGlite has exactly one database (`postgres`) and
 * cannot `CREATE DATABASE`; the returned URL points at it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const started = Date.now();
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const url = connectionUrl(server.getServerConn());
  options.log?.(
    `Embedded Postgres (PGlite) listening on ${server.getServerConn()}, data in ${dataDir} (${Date.now() - started} ms)`,
  );
  return { url, stop: stopper(server, db) };
}

/** `host:port` (what the socket server reports once listening) as a URL; IPv6 hosts get brackets. */
function connectionUrl(hostAndPort: string): string {
  const separator = hostAndPort.lastIndexOf(':');
  const host = hostAndPort.slice(0, separator);
  const port = hostAndPort.slice(separator + 1);
  return `postgresql://postgres:postgres@${host.includes(':') ? `[${host}]` : host}:${port}/postgres`;
}

function stopper(server: PGLiteSocketServer, db: PGlite): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= server.stop().then(() => db.close());
    return stopping;
  };
}
