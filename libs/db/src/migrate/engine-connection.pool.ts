import pg from 'pg';

/** pg's OID for the internal one-byte `"char"` type (pg_constraint.contype, pg_class.relkind, …). */
const CHAR_OID = 18;
const TEXT_OID = 25;

const charColumnsByRows = new WeakMap<object, number[]>();

/** A pg pool for the schema engine and the way to close it completely. */
export interface EnginePool {
  pool: pg.Pool;
  /** Resolves once every connection is really closed, so the database can be dropped right after. */
  end: () => Promise<void>;
}

/**
 * The indexes of `"char"` columns in a result whose `rows` array came from an {@link EnginePool}.
 * adapter-pg returns that same array, which keys the lookup.
 */
export function charColumnsOf(rows: object): number[] {
  return charColumnsByRows.get(rows) ?? [];
}

/**
 * A pg pool whose promise-style `query` results report `"char"` columns as text. adapter-pg 7.10
 * cannot map OID 18 ("Column type 'char' could not be deserialized") and the schema engine's
 * describer selects such columns; the original positions are remembered for {@link charColumnsOf}.
 */
export function createEnginePool(config: pg.PoolConfig): EnginePool {
  const pool = new pg.Pool(config);
  const clients = trackClients(pool);
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const wrapped = (...args: unknown[]): unknown => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((value: unknown) => {
      tagCharColumns(value);
      return value;
    });
  };
  Object.assign(pool, { query: wrapped });
  return { pool, end: () => pool.end().then(() => Promise.all([...clients.values()]).then(() => undefined)) };
}

/**
 * pg-pool's `end()` resolves before its connections have closed. A connection cut by the server
 * in that window (DROP DATABASE … WITH (FORCE)) would emit an unhandled 'error' and crash the process.
 */
function trackClients(pool: pg.Pool): Map<pg.PoolClient, Promise<void>> {
  const clients = new Map<pg.PoolClient, Promise<void>>();
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    clients.set(client, new Promise((resolve) => client.once('end', () => resolve())));
  });
  return clients;
}

interface RawResult {
  fields: { dataTypeID: number }[];
  rows: object;
}

function isRawResult(value: unknown): value is RawResult {
  const candidate = value as Partial<RawResult> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate.fields) &&
    Array.isArray(candidate.rows)
  );
}

function tagCharColumns(result: unknown): void {
  if (!isRawResult(result)) return;
  const indexes: number[] = [];
  result.fields.forEach((field, index) => {
    if (field.dataTypeID !== CHAR_OID) return;
    field.dataTypeID = TEXT_OID;
    indexes.push(index);
  });
  if (indexes.length > 0) charColumnsByRows.set(result.rows, indexes);
}
