import pg from 'pg';

/** pg's OID for the internal one-byte `"char"` type (pg_constraint.contype, pg_class.relkind, …). */
const CHAR_OID = 18;
const TEXT_OID = 25;

const charColumnsByRows = new WeakMap<object, number[]>();

/**
 * The indexes of `"char"` columns in a result whose `rows` array came from a pool made by
 * {@link createCharAwarePool}. adapter-pg returns that same array, which keys the lookup.
 */
export function charColumnsOf(rows: object): number[] {
  return charColumnsByRows.get(rows) ?? [];
}

/**
 * A pg pool whose promise-style `query` results report `"char"` columns as text. adapter-pg 7.10
 * cannot map OID 18 ("Column type 'char' could not be deserialized") and the schema engine's
 * describer selects such columns; the original positions are remembered for {@link charColumnsOf}.
 */
export function createCharAwarePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
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
  return pool;
}

interface RawResult {
  fields: { dataTypeID: number }[];
  rows: object;
}

function isRawResult(value: unknown): value is RawResult {
  const candidate = value as Partial<RawResult> | null;
  return typeof candidate === 'object' && candidate !== null && Array.isArray(candidate.fields) && Array.isArray(candidate.rows);
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
